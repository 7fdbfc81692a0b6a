package dev.tracekit.trace;

/** Bytes inside a chunk that do not decode; the reader turns it into a {@link InvalidTraceException}. */
final class MalformedException extends RuntimeException {
    private final int position;

    MalformedException(String message, int position) {
        super(message, null, false, false);
        this.position = position;
    }

    int position() {
        return position;
    }
}
