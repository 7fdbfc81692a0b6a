package dev.tracekit.strace;

/**
 * Signal names and signal sets as strace prints them on x86_64: SIGHUP..SIGSYS from the
 * table, 32 as SIGRTMIN and 33..64 as SIGRT_1..SIGRT_32; in sets without the SIG prefix, and
 * inverted ({@code ~[...]}) when two thirds or more of the bits are set.
 */
final class Signals {
    private static final int RTMIN = 32;
    private static final int MAX = 64;
    private static final XlatTable NAMES = XlatTables.get("signal");

    private Signals() {
    }

    /** The name, or the number when it has none. */
    static String name(int signal) {
        String name = lookup(signal);
        return name != null ? name : Integer.toString(signal);
    }

    private static String lookup(int signal) {
        if (signal <= 0) {
            return null;
        }
        if (signal < RTMIN) {
            return NAMES.lookup(signal);
        }
        if (signal == RTMIN) {
            return "SIGRTMIN";
        }
        return signal <= MAX ? "SIGRT_" + (signal - RTMIN) : null;
    }

    /**
     * Appends the set whose bit {@code n - 1} stands for signal {@code n}, of {@code bytes}
     * bytes (rounded up to whole 32-bit words, as strace counts them).
     */
    static void appendSet(StringBuilder out, long mask, int bytes) {
        int bits = Math.min((bytes + 3) / 4, 2) * 32;
        long valid = bits == 64 ? -1L : (1L << bits) - 1;
        long set = mask & valid;
        if (Long.bitCount(set) >= bits * 2 / 3) {
            out.append('~');
            set = ~set & valid;
        }
        out.append('[');
        boolean first = true;
        for (int bit = 0; bit < bits; bit++) {
            if ((set & 1L << bit) == 0) {
                continue;
            }
            String name = lookup(bit + 1);
            if (!first) {
                out.append(' ');
            }
            first = false;
            if (name != null) {
                out.append(name, 3, name.length());
            }
        }
        out.append(']');
    }
}
