package dev.tracekit.trace;

import dev.tracekit.trace.event.SyscallArgs;

/**
 * Argument registers and results, written against the values the same call site had recently:
 * a thread tends to call again with the same descriptors, buffers, flags and sizes, or with one
 * of the few it alternates between. Per call, one code byte in ARGS. Below {@link #TUPLES} it
 * names one of the site's recent tuples (all six registers and the result) that the call
 * repeats. Otherwise it is {@link #TUPLES} + a mask whose bit i is set when value i (bit 6: the
 * result) equals the site's last value of it; each other value takes a code byte in ARGS: k
 * from 1 to {@link #DEPTH} - 1 for the value k places down the site's recent list of that value,
 * or 0 for a new value, whose difference from the last one follows in VALUES. A SYSCALL_ENTRY,
 * which has no result, always takes the mask form with six bits. Every value then moves to the
 * front of its list, and a tuple of a returned call to the front of the tuples. All start as zeros.
 */
final class RecentValues {
    /** The six argument registers, then the result. */
    static final int SLOTS = SyscallArgs.COUNT + 1;
    static final int RESULT = SyscallArgs.COUNT;
    static final int DEPTH = 8;
    static final int TUPLES = 16;

    /** A call site's recent values, most recent first. */
    static final class History {
        private final long[] values = new long[SLOTS * DEPTH];
        private final long[] tuples = new long[TUPLES * SLOTS];
    }

    private RecentValues() {
    }

    /** Writes values[0, slots): 6 for a call that has not returned, 7 with the result. */
    static void write(History history, long[] values, int slots, ByteSink codes, ByteSink deltas) {
        int tuple = slots == SLOTS ? findTuple(history.tuples, values) : TUPLES;
        if (tuple < TUPLES) {
            codes.writeByte(tuple);
        } else {
            writeEach(history.values, values, slots, codes, deltas);
        }
        remember(history, values, slots, tuple);
    }

    static void read(History history, long[] values, int slots, ByteSource codes, ByteSource deltas) {
        int code = codes.readByte();
        if (code < TUPLES) {
            if (slots != SLOTS) {
                throw codes.malformed("value code " + code + " names a tuple with a result, for a call without one",
                        codes.position() - 1);
            }
            System.arraycopy(history.tuples, code * SLOTS, values, 0, SLOTS);
        } else {
            readEach(history.values, values, slots, code - TUPLES, codes, deltas);
        }
        remember(history, values, slots, code < TUPLES ? code : TUPLES);
    }

    private static int findTuple(long[] tuples, long[] values) {
        for (int tuple = 0; tuple < TUPLES; tuple++) {
            int base = tuple * SLOTS;
            int slot = 0;
            while (slot < SLOTS && tuples[base + slot] == values[slot]) {
                slot++;
            }
            if (slot == SLOTS) {
                return tuple;
            }
        }
        return TUPLES;
    }

    private static void writeEach(long[] recent, long[] values, int slots, ByteSink codes, ByteSink deltas) {
        int mask = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (values[slot] == recent[slot * DEPTH]) {
                mask |= 1 << slot;
            }
        }
        codes.writeByte(TUPLES + mask);
        for (int slot = 0; slot < slots; slot++) {
            if ((mask & 1 << slot) != 0) {
                continue;
            }
            int place = find(recent, slot * DEPTH, values[slot]);
            if (place < DEPTH) {
                codes.writeByte(place);
            } else {
                codes.writeByte(0);
                deltas.writeSignedVarLong(values[slot] - recent[slot * DEPTH]);
            }
        }
    }

    private static void readEach(long[] recent, long[] values, int slots, int mask, ByteSource codes, ByteSource deltas) {
        if (mask >>> slots != 0) {
            throw codes.malformed("value mask 0x" + Integer.toHexString(mask) + " names more than " + slots + " values",
                    codes.position() - 1);
        }
        for (int slot = 0; slot < slots; slot++) {
            int base = slot * DEPTH;
            if ((mask & 1 << slot) != 0) {
                values[slot] = recent[base];
                continue;
            }
            int place = codes.readByte();
            if (place == 0) {
                values[slot] = recent[base] + deltas.readSignedVarLong();
            } else if (place < DEPTH) {
                values[slot] = recent[base + place];
            } else {
                throw codes.malformed("value code " + place + " reaches past the " + DEPTH + " recent values",
                        codes.position() - 1);
            }
        }
    }

    /** Every value to the front of its list; a returned call's tuple to the front of the tuples. */
    private static void remember(History history, long[] values, int slots, int tuple) {
        long[] recent = history.values;
        for (int slot = 0; slot < slots; slot++) {
            long value = values[slot];
            int base = slot * DEPTH;
            if (recent[base] == value) {
                continue;
            }
            // Found or not, the entries before it move down one; without it the last drops out.
            int place = 1;
            while (place < DEPTH - 1 && recent[base + place] != value) {
                place++;
            }
            for (int i = base + place; i > base; i--) {
                recent[i] = recent[i - 1];
            }
            recent[base] = value;
        }
        if (slots == SLOTS && tuple != 0) {
            int at = Math.min(tuple, TUPLES - 1) * SLOTS;
            System.arraycopy(history.tuples, 0, history.tuples, SLOTS, at);
            System.arraycopy(values, 0, history.tuples, 0, SLOTS);
        }
    }

    /** Where value is in the list at base, 1 to DEPTH - 1 (place 0 is checked by the mask), or DEPTH. */
    private static int find(long[] recent, int base, long value) {
        int place = 1;
        while (place < DEPTH && recent[base + place] != value) {
            place++;
        }
        return place;
    }
}
