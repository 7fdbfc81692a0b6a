package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A log written to memory, with the offsets where its chunks end. */
record LogBytes(byte[] bytes, List<Long> chunkEnds, List<Integer> eventsAtChunkEnd) {

    static final TraceWriter.Options SMALL_CHUNKS = new TraceWriter.Options(1024, 1);

    /** Writes the events, sealing a chunk after every {@code flushEvery} events and at size. */
    static LogBytes write(List<TraceEvent> events, TraceWriter.Options options, int flushEvery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> ends = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try (TraceWriter writer = TraceWriter.to(out, RandomEvents.header(), options)) {
            ends.add(writer.bytesWritten());
            counts.add(0);
            for (int i = 0; i < events.size(); i++) {
                long before = writer.bytesWritten();
                writer.write(events.get(i));
                if (writer.bytesWritten() != before) {
                    ends.add(writer.bytesWritten());
                    counts.add(i + 1);
                }
                if ((i + 1) % flushEvery == 0) {
                    writer.flush();
                    if (ends.get(ends.size() - 1) != writer.bytesWritten()) {
                        ends.add(writer.bytesWritten());
                        counts.add(i + 1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LogBytes(out.toByteArray(), ends, counts);
    }

    /** Everything a reader of these bytes returns, and how it ended. */
    static Read read(byte[] bytes) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(bytes))) {
            TraceEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
            return new Read(events, reader.status());
        }
    }

    record Read(List<TraceEvent> events, ReadStatus status) {
    }
}
