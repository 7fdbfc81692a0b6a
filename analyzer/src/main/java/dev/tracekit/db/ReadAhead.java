package dev.tracekit.db;

import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;

/**
 * Decodes a log on a thread of its own ({@link Handover}), with the text of every call's
 * arguments and result rendered there too. The renderer is called on that one thread, in the
 * log's order.
 */
final class ReadAhead implements AutoCloseable {
    private static final int BATCH = 2048;

    /** Events in the log's order; args and results hold the rendered text of calls, else null. */
    record Batch(TraceEvent[] events, String[] args, String[] results, int size, long position) {
    }

    private final TraceReader reader;
    private final TraceHeader header;
    private final LogImporter.ArgumentText text;
    private final Handover<Batch> handover;

    ReadAhead(TraceReader reader, LogImporter.ArgumentText text) {
        this.reader = reader;
        this.header = reader.header();
        this.text = text;
        this.handover = new Handover<>("tracekit-read-ahead", this::produce);
    }

    /** The next batch, or null at the end of the log; rethrows what stopped the reading. */
    Batch next() throws IOException {
        return handover.next();
    }

    private void produce(Handover.Sink<Batch> sink) throws IOException, InterruptedException {
        Batch batch;
        do {
            batch = read();
            sink.put(batch);
        } while (batch.size() == BATCH);
    }

    private Batch read() throws IOException {
        TraceEvent[] events = new TraceEvent[BATCH];
        String[] args = new String[BATCH];
        String[] results = new String[BATCH];
        int size = 0;
        TraceEvent event;
        while (size < BATCH && (event = reader.next()) != null) {
            if (event instanceof Syscall call) {
                args[size] = text.arguments(header, call);
                results[size] = text.result(header, call);
            } else if (event instanceof SyscallEntry call) {
                args[size] = text.unfinishedArguments(header, call);
            }
            events[size++] = event;
        }
        return new Batch(events, args, results, size, reader.position());
    }

    @Override
    public void close() {
        handover.close();
    }
}
