package dev.tracekit.syscalls;

/** A syscall table resource that breaks the grammar its header describes. */
public final class TableFormatException extends RuntimeException {
    private final int lineNumber;

    TableFormatException(String source, int lineNumber, String problem) {
        super(source + ":" + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** 1-based. */
    public int lineNumber() {
        return lineNumber;
    }
}
