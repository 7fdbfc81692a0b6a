package dev.tracekit.trace;

import java.io.IOException;

/**
 * The input is not a log this version can read on from here: not a log at all, a corrupt
 * chunk, or another major version. The message is one line that says where and what.
 */
public class InvalidTraceException extends IOException {
    private final long offset;

    InvalidTraceException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    static InvalidTraceException corruptChunk(long chunkOffset, String problem) {
        return new InvalidTraceException(chunkOffset, "corrupt chunk at offset " + chunkOffset + ": " + problem);
    }

    /** Byte offset in the file where the problem starts. */
    public long offset() {
        return offset;
    }
}
