package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncationTest {

    /** A log cut at any byte reads back every event of its whole chunks and says what was lost. */
    @Test
    void cutAtEveryOffset() throws IOException {
        List<TraceEvent> events = new RandomEvents(7).events(300);
        LogBytes log = LogBytes.write(events, LogBytes.SMALL_CHUNKS, 17);
        byte[] whole = log.bytes();
        long headerEnd = log.chunkEnds().get(0);
        assertTrue(log.chunkEnds().size() > 10, "chunks: " + log.chunkEnds().size());

        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = Arrays.copyOf(whole, cut);
            if (cut < headerEnd) {
                InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> LogBytes.read(prefix), "cut " + cut);
                assertTrue(e.getMessage().startsWith(cut == 0 ? "empty file" : cut < 8 ? "not a tracekit log" : "truncated inside the file header"),
                        e.getMessage());
                continue;
            }
            int lastWhole = lastChunkAtOrBefore(log, cut);
            long chunkEnd = log.chunkEnds().get(lastWhole);
            int expectedEvents = log.eventsAtChunkEnd().get(lastWhole);
            LogBytes.Read read = LogBytes.read(prefix);
            assertEquals(events.subList(0, expectedEvents), read.events(), "cut " + cut);
            assertEquals(ReadStatus.truncated(expectedEvents, chunkEnd, cut - chunkEnd), read.status(), "cut " + cut);
        }
        assertEquals(ReadStatus.complete(events.size()), LogBytes.read(whole).status());
    }

    @Test
    void messageSaysWhatWasLost() {
        assertEquals("truncated: 1200 events read, 4711 bytes after offset 65536 unreadable",
                ReadStatus.truncated(1200, 65536, 4711).message());
        assertEquals("truncated: 5 events read, 0 bytes after offset 900 unreadable"
                        + " (no end record: the recorder did not close the log)",
                ReadStatus.truncated(5, 900, 0).message());
    }

    private static int lastChunkAtOrBefore(LogBytes log, int cut) {
        int index = 0;
        while (index + 1 < log.chunkEnds().size() && log.chunkEnds().get(index + 1) <= cut) {
            index++;
        }
        return index;
    }
}
