package dev.tracekit.trace;

/** Bytes inside a chunk that do not decode; the reader turns it into a {@link InvalidTraceException}. */
final class MalformedException extends RuntimeException {
    private final int position;
    private final String where;

    /**
     * @param position byte offset within {@code where}
     * @param where    what the bytes are, as "the args stream"; null for the file header
     */
    MalformedException(String message, int position, String where) {
        super(message, null, false, false);
        this.position = position;
        this.where = where;
    }

    int position() {
        return position;
    }

    String where() {
        return where;
    }
}
