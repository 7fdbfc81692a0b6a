package dev.tracekit.stack.cfi;

/** Finds the FDE that may cover an address: the one with the greatest pc_begin at or below it. */
public interface FdeIndex {
    /** The buffer position of that FDE, or -1 when every FDE starts above the address. */
    int candidate(long address);
}
