package dev.tracekit.strace;

import java.util.List;

/**
 * One table of named constants, as strace's xlat: flags print as {@code A|B|0x80} with unknown
 * bits in hex, values as their name or, unknown, as hex with a {@code /* X_??? *}{@code /} comment.
 */
final class XlatTable {
    private final String name;
    private final long[] values;
    private final String[] names;

    XlatTable(String name, List<Long> values, List<String> names) {
        this.name = name;
        this.values = values.stream().mapToLong(Long::longValue).toArray();
        this.names = names.toArray(new String[0]);
    }

    String name() {
        return name;
    }

    /** The first name of {@code value}, or null. */
    String lookup(long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return names[i];
            }
        }
        return null;
    }

    /**
     * Appends the names of the bits set in {@code value}, in table order, then any unknown bits
     * in hex; false (nothing appended) when no entry matched.
     */
    boolean appendFlags(StringBuilder out, long value) {
        long left = value;
        int matched = 0;
        for (int i = 0; i < values.length && (left != 0 || matched == 0); i++) {
            long bits = values[i];
            if (left == bits || bits != 0 && (left & bits) == bits) {
                if (matched++ > 0) {
                    out.append('|');
                }
                out.append(names[i]);
                left &= ~bits;
                if (left == 0) {
                    break;
                }
            }
        }
        if (matched > 0 && left != 0) {
            out.append('|').append(Numbers.hex(left));
        }
        return matched > 0;
    }

    int size() {
        return values.length;
    }

    long valueAt(int index) {
        return values[index];
    }

    String nameAt(int index) {
        return names[index];
    }
}
