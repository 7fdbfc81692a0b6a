package dev.tracekit.stack.cfi;

/**
 * A Frame Description Entry: the CFI program for the code in [pcBegin, pcEnd). Its instructions
 * and expressions are positions in {@code section}'s buffer.
 */
public record Fde(long pcBegin, long pcEnd, Cie cie, FrameSection section, int instructionsStart, int instructionsEnd) {
    public boolean covers(long address) {
        return Long.compareUnsigned(address, pcBegin) >= 0 && Long.compareUnsigned(address, pcEnd) < 0;
    }
}
