package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {

    @ParameterizedTest(name = "compression level {0}")
    @ValueSource(ints = {0, 1, 9})
    void randomStreamsReadBackEqual(int level) throws IOException {
        for (long seed = 0; seed < 200; seed++) {
            RandomEvents random = new RandomEvents(seed);
            List<TraceEvent> events = random.events((int) (seed * 7 % 500));
            int chunkLimit = seed % 3 == 0 ? 1024 : 1 << 20;
            LogBytes log = LogBytes.write(events, new TraceWriter.Options(chunkLimit, level),
                    1 + (int) (seed % 97));
            LogBytes.Read read = LogBytes.read(log.bytes());
            assertEquals(events, read.events(), "seed " + seed);
            assertEquals(ReadStatus.complete(events.size()), read.status(), "seed " + seed);
        }
    }

    @Test
    void headerReadsBackEqual() throws IOException {
        LogBytes log = LogBytes.write(List.of(), TraceWriter.Options.DEFAULT, 1);
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(log.bytes()))) {
            assertEquals(RandomEvents.header(), reader.header());
            assertEquals(List.copyOf(RandomEvents.header().options().keySet()), List.copyOf(reader.header().options().keySet()),
                    "options keep their order");
            assertEquals(LogFormat.MINOR_VERSION, reader.minorVersion());
            assertEquals(null, reader.next());
            assertEquals(ReadStatus.complete(0), reader.status());
        }
    }

    @Test
    void manyChunksEachDecodeOnTheirOwn() throws IOException {
        List<TraceEvent> events = new RandomEvents(42).events(5000);
        LogBytes log = LogBytes.write(events, LogBytes.SMALL_CHUNKS, Integer.MAX_VALUE);
        assertTrue(log.chunkEnds().size() > 50, "small chunks: " + log.chunkEnds().size());
        assertEquals(events, LogBytes.read(log.bytes()).events());
    }
}
