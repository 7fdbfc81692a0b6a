package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogStatsTest {

    @Test
    void streamsAndOverheadAccountForEveryByte() throws IOException {
        List<TraceEvent> events = new RandomEvents(21).events(2000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter writer = TraceWriter.to(out, RandomEvents.header(), LogBytes.SMALL_CHUNKS);
        try (writer) {
            for (TraceEvent event : events) {
                writer.write(event);
            }
        }
        LogStats stats = writer.stats();
        assertEquals(events.size(), stats.events());
        assertEquals(out.size(), stats.bytesWritten());
        assertEquals(ChunkStream.COUNT, stats.streams().size());
        assertEquals("records", stats.streams().get(ChunkStream.RECORDS).stream());
        assertEquals("patch-data", stats.streams().get(ChunkStream.PATCH_DATA).stream());
        long stored = 0;
        for (LogStats.StreamSize stream : stats.streams()) {
            assertTrue(stream.storedBytes() <= stream.bytes(), stream.toString());
            stored += stream.storedBytes();
        }
        assertTrue(stats.chunks() > 10, "chunks: " + stats.chunks());
        assertTrue(stats.overheadBytes() > stats.chunks() * LogFormat.CHUNK_HEADER_SIZE, "overhead " + stats.overheadBytes());
        assertEquals(out.size(), stored + stats.overheadBytes());
    }
}
