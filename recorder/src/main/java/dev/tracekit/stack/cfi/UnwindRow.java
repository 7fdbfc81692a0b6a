package dev.tracekit.stack.cfi;

/**
 * One row of the CFI table: how to find the CFA and each register of the caller. Mutable and
 * reused; expressions are kept as (buffer position, length) packed in {@link #value}.
 */
public final class UnwindRow {
    /** Columns kept: x86_64 uses 0-16, aarch64 0-31 (33 with its pseudo-registers up to 32). */
    public static final int COLUMNS = 33;

    /** No rule: the caller's register equals this frame's (callee-saved and not touched). */
    public static final byte SAME = 0;
    public static final byte UNDEFINED = 1;
    /** Saved at CFA + value. */
    public static final byte OFFSET = 2;
    /** Is CFA + value. */
    public static final byte VAL_OFFSET = 3;
    /** Is in register value. */
    public static final byte REGISTER = 4;
    /** Saved at the address an expression computes. */
    public static final byte EXPRESSION = 5;
    /** Is the value an expression computes. */
    public static final byte VAL_EXPRESSION = 6;

    public static final byte CFA_REGISTER_OFFSET = 0;
    public static final byte CFA_EXPRESSION = 1;

    public byte cfaKind;
    public int cfaRegister;
    public long cfaOffset;
    public final byte[] kind = new byte[COLUMNS];
    public final long[] value = new long[COLUMNS];

    public void clear() {
        cfaKind = CFA_REGISTER_OFFSET;
        cfaRegister = 0;
        cfaOffset = 0;
        java.util.Arrays.fill(kind, SAME);
        java.util.Arrays.fill(value, 0);
    }

    public void copyFrom(UnwindRow other) {
        cfaKind = other.cfaKind;
        cfaRegister = other.cfaRegister;
        cfaOffset = other.cfaOffset;
        System.arraycopy(other.kind, 0, kind, 0, COLUMNS);
        System.arraycopy(other.value, 0, value, 0, COLUMNS);
    }

    void setRule(long register, byte ruleKind, long ruleValue) {
        if (register >= 0 && register < COLUMNS) {
            kind[(int) register] = ruleKind;
            value[(int) register] = ruleValue;
        }
    }

    static long packExpression(int position, long length) {
        return (long) position << 32 | length;
    }

    public static int expressionStart(long packed) {
        return (int) (packed >>> 32);
    }

    public static int expressionLength(long packed) {
        return (int) packed;
    }

    /** The CFA expression of a {@link #CFA_EXPRESSION} row, packed like register expressions. */
    public long cfaExpression() {
        return cfaOffset;
    }
}
