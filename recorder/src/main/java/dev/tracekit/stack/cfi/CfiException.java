package dev.tracekit.stack.cfi;

/**
 * Malformed or unsupported call-frame information, or memory an expression needed and could not
 * read. The unwinder stops there and marks the stack truncated; no stack trace is filled in
 * because this ends an unwind rather than reporting a bug.
 */
public final class CfiException extends RuntimeException {
    public CfiException(String message) {
        super(message, null, false, false);
    }
}
