package dev.tracekit.strace;

/** Number formats of C's printf as strace uses them. */
final class Numbers {
    private Numbers() {
    }

    /** {@code %#llx}: 0x1f, and 0 for zero. */
    static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    /** {@code %#03llo}: 0644, 000 for zero. */
    static String octal(long value) {
        String digits = Long.toOctalString(value);
        return value == 0 ? "000" : digits.length() >= 2 ? "0" + digits : "00" + digits;
    }

    static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    /** An address: NULL for zero, else hex. */
    static String pointer(long value) {
        return value == 0 ? "NULL" : "0x" + Long.toHexString(value);
    }
}
