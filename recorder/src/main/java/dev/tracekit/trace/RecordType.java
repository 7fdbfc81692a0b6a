package dev.tracekit.trace;

/**
 * Record type codes inside a chunk body. Codes below 16 are dictionary entries and markers,
 * which the reader consumes itself; the rest are events. A reader skips codes it does not know.
 */
final class RecordType {
    /** Unknown codes from here on are events of a newer writer: skipped, but counted as events. */
    static final int FIRST_EVENT = 16;

    static final int END = 1;
    static final int STRING = 2;
    static final int MODULE = 3;
    static final int FRAME = 4;
    static final int STACK = 5;

    static final int PROCESS = 16;
    static final int THREAD = 17;
    static final int OPEN_FD = 18;
    static final int MAPPING = 19;
    static final int SYSCALL = 20;
    static final int SYSCALL_ENTRY = 21;
    static final int SIGNAL = 22;
    static final int CHILD_CREATED = 23;
    static final int EXEC = 24;
    static final int EXIT = 25;
    static final int THREAD_RENAMED = 26;
    static final int STACK_SAMPLE = 27;

    private RecordType() {
    }
}
