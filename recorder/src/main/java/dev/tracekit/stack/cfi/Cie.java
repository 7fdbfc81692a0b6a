package dev.tracekit.stack.cfi;

/**
 * A Common Information Entry: what the FDEs that point to it share.
 *
 * @param fdeEncoding       DW_EH_PE encoding of the FDEs' pc_begin ('R'), absptr when absent
 * @param hasAugmentationData the augmentation string starts with 'z': FDEs carry a length-prefixed
 *                          augmentation block to skip
 * @param signalFrame       'S': frames of this CIE are signal trampolines; the frame they return
 *                          to was interrupted, so its pc is exact (no pc-1)
 * @param instructionsStart buffer position of the initial instructions
 */
public record Cie(long codeAlignment, long dataAlignment, int returnAddressRegister, int fdeEncoding,
                  boolean hasAugmentationData, boolean signalFrame, int instructionsStart, int instructionsEnd) {
}
