package dev.tracekit.record;

/** Recording could not start or go on; the message is one line for the user. */
public class RecordException extends Exception {
    private final int exitCode;

    public RecordException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public RecordException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code tracekit should end with: 1, 3, or 127 for a command not found. */
    public int exitCode() {
        return exitCode;
    }
}
