package dev.tracekit.stack;

import java.util.Arrays;

/**
 * Registers of one frame by DWARF number, with a bitmask of those known. x86_64 numbering:
 * 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp, 8-15 r8-r15, 16 rip (the
 * return-address column). Mutable and reused: the unwinder rewrites one set frame by frame.
 */
public final class RegisterSet {
    public static final int COUNT = 17;
    public static final int RAX = 0;
    public static final int RDX = 1;
    public static final int RCX = 2;
    public static final int RBX = 3;
    public static final int RSI = 4;
    public static final int RDI = 5;
    public static final int RBP = 6;
    public static final int RSP = 7;
    public static final int R8 = 8;
    public static final int R15 = 15;
    public static final int RIP = 16;

    private final long[] values = new long[COUNT];
    private int known;

    public long get(int register) {
        return values[register];
    }

    public boolean isKnown(int register) {
        return register < COUNT && (known & (1 << register)) != 0;
    }

    public void set(int register, long value) {
        values[register] = value;
        known |= 1 << register;
    }

    public void forget(int register) {
        values[register] = 0;
        known &= ~(1 << register);
    }

    public long pc() {
        return values[RIP];
    }

    public long sp() {
        return values[RSP];
    }

    public void copyFrom(RegisterSet other) {
        System.arraycopy(other.values, 0, values, 0, COUNT);
        known = other.known;
    }

    @Override
    public String toString() {
        return "RegisterSet" + Arrays.toString(values) + " known 0x" + Integer.toHexString(known);
    }
}
