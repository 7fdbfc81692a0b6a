package dev.tracekit.trace;

import java.util.zip.Deflater;

/**
 * The streams of the chunk being written, and their layout as its stored payload: base time,
 * stream table, then the streams one after the other, each deflated on its own when that makes
 * it smaller.
 */
final class StreamSinks {
    /** A deflated stream must be smaller by this fraction (1/16) of its length. */
    private static final int MIN_SAVING = 16;

    private final ByteSink[] sinks = new ByteSink[ChunkStream.COUNT];
    private final int[] storedLengths = new int[ChunkStream.COUNT];
    private final ByteSink stored = new ByteSink(1 << 16);
    private final ByteSink alternative = new ByteSink(1 << 16);
    private final byte[] deflateBuffer = new byte[8192];

    StreamSinks() {
        for (int i = 0; i < sinks.length; i++) {
            sinks[i] = new ByteSink(1 << 12);
        }
    }

    ByteSink get(int stream) {
        return sinks[stream];
    }

    void clear() {
        for (ByteSink sink : sinks) {
            sink.clear();
        }
    }

    /** The body length: all streams together, before compression. */
    int size() {
        long size = 0;
        for (ByteSink sink : sinks) {
            size += sink.size();
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /**
     * Appends the payload to {@code out}; with a null deflater every stream is stored as is.
     * Adds each stream's length and stored length to {@code stats}.
     */
    void writePayload(long baseTime, Deflater deflater, ByteSink out, StreamStats stats) {
        int count = sinks.length;
        while (count > 0 && sinks[count - 1].size() == 0) {
            count--;
        }
        stored.clear();
        for (int i = 0; i < count; i++) {
            int before = stored.size();
            if (deflater == null) {
                stored.append(sinks[i]);
            } else {
                deflateSmallest(sinks[i], deflater);
            }
            storedLengths[i] = stored.size() - before;
            stats.add(i, sinks[i].size(), storedLengths[i]);
        }
        out.writeSignedVarLong(baseTime);
        out.writeVarInt(count);
        for (int i = 0; i < count; i++) {
            out.writeVarInt(sinks[i].size());
            out.writeVarInt(storedLengths[i]);
        }
        out.append(stored);
    }

    /**
     * Appends the smallest of: the stream deflated, the stream Huffman-coded only (in streams of
     * small numbers without repeated runs, string matches cost more than they save), and the
     * stream as is. A deflated form must save a sixteenth of the stream: inflating near-random
     * bytes (compressed files, nanosecond noise) costs the reader more than a few bytes are worth.
     */
    private void deflateSmallest(ByteSink stream, Deflater deflater) {
        alternative.clear();
        deflate(stream, deflater, Deflater.DEFAULT_STRATEGY, alternative);
        int asIs = stream.size() - stream.size() / MIN_SAVING;
        int best = Math.min(alternative.size(), asIs);
        ByteSink bestForm = alternative.size() < asIs ? alternative : stream;
        int start = stored.size();
        deflate(stream, deflater, Deflater.HUFFMAN_ONLY, stored);
        if (stored.size() - start >= best) {
            stored.truncate(start);
            stored.append(bestForm);
        }
    }

    private void deflate(ByteSink stream, Deflater deflater, int strategy, ByteSink out) {
        deflater.reset();
        deflater.setStrategy(strategy);
        deflater.setInput(stream.array(), 0, stream.size());
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(deflateBuffer);
            out.writeBytes(deflateBuffer, 0, n);
        }
    }
}
