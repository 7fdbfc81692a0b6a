package dev.tracekit.trace;

import java.util.List;

/**
 * Where the bytes of a log went so far. Chunk bodies are split into streams by field (times,
 * arguments, captured bytes, ...; docs/format.md lists them), so the streams, not the record
 * types, say what costs what: nearly all records are system calls, spread over every stream.
 *
 * @param events       events written
 * @param chunks       chunks written
 * @param bytesWritten the whole log: file header, chunk headers, stream tables and streams
 * @param streams      per stream, in the order of the stream table
 */
public record LogStats(long events, long chunks, long bytesWritten, List<StreamSize> streams) {
    public LogStats {
        streams = List.copyOf(streams);
    }

    /**
     * One stream's share of the chunks written.
     *
     * @param stream      its name, as docs/format.md lists the streams
     * @param bytes       before compression
     * @param storedBytes as written: deflated, or as is when that was no smaller
     */
    public record StreamSize(String stream, long bytes, long storedBytes) {
    }

    /** File header, chunk headers and stream tables: what the streams leave over. */
    public long overheadBytes() {
        long stored = 0;
        for (StreamSize stream : streams) {
            stored += stream.storedBytes();
        }
        return bytesWritten - stored;
    }
}
