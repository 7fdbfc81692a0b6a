package dev.tracekit.trace;

/**
 * The byte streams of a chunk, by their index in its stream table. Each holds one kind of field
 * from every record (all time deltas, all argument codes, all captured text, ...), so that
 * deflate sees like with like. docs/format.md says what goes where.
 */
final class ChunkStream {
    /** Record types, in order; records other than system calls also have their length and payload here. */
    static final int RECORDS = 0;
    /** Per event record, the low byte of its time delta; TIMES_HIGH has the rest. */
    static final int TIMES = 1;
    static final int TIMES_HIGH = 2;
    /** Per system call, its call site: thread and number. */
    static final int CALLS = 3;
    static final int DURATIONS = 4;
    static final int DURATIONS_HIGH = 5;
    /** Per system call, which argument registers and result repeat, and codes for the others. */
    static final int ARGS = 6;
    /** Argument and result values that are new to their call site. */
    static final int VALUES = 7;
    /** Per system call, how many captures; per capture, its tag. */
    static final int CAPTURES = 8;
    /** Per capture, the numbers its tag calls for: length or back-reference, address, full length. */
    static final int CAPTURE_FIELDS = 9;
    /** Captured bytes that look like text, and those that do not. */
    static final int TEXT = 10;
    static final int BINARY = 11;
    /** Per patched capture, a bitmap of the bytes that differ from its base; PATCH_DATA has those bytes. */
    static final int PATCHES = 12;
    static final int PATCH_DATA = 13;
    /** Streams this version writes and reads; a reader ignores streams after these. */
    static final int COUNT = 14;

    private static final String[] NAMES = {"records", "times", "times-high", "calls", "durations", "durations-high",
        "args", "values", "captures", "capture-fields", "text", "binary", "patches", "patch-data"};

    private ChunkStream() {
    }

    static String name(int stream) {
        return NAMES[stream];
    }
}
