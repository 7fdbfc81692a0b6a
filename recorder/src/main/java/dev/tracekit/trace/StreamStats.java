package dev.tracekit.trace;

import java.util.ArrayList;
import java.util.List;

/** Running totals, per stream, of the bytes written before and after compression. */
final class StreamStats {
    private final long[] bytes = new long[ChunkStream.COUNT];
    private final long[] stored = new long[ChunkStream.COUNT];

    void add(int stream, int length, int storedLength) {
        bytes[stream] += length;
        stored[stream] += storedLength;
    }

    List<LogStats.StreamSize> snapshot() {
        List<LogStats.StreamSize> sizes = new ArrayList<>(ChunkStream.COUNT);
        for (int i = 0; i < ChunkStream.COUNT; i++) {
            sizes.add(new LogStats.StreamSize(ChunkStream.name(i), bytes[i], stored[i]));
        }
        return sizes;
    }
}
