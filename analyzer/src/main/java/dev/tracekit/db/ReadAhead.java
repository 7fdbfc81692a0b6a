package dev.tracekit.db;

import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a log on a thread of its own, with the text of every call's arguments and result
 * rendered there too, so that on two cores decoding overlaps with appending to DuckDB. A few
 * batches at most wait in between: memory stays bounded whatever the log's size. The renderer
 * is called on that one thread, in the log's order.
 */
final class ReadAhead implements AutoCloseable {
    private static final int BATCH = 2048;
    private static final int QUEUED = 4;

    /** Events in the log's order; args and results hold the rendered text of calls, else null. */
    record Batch(TraceEvent[] events, String[] args, String[] results, int size, long position) {
    }

    /** What the reading thread ended with: the end of the log, or the error that stopped it. */
    private record End(Exception error) {
    }

    private final TraceReader reader;
    private final TraceHeader header;
    private final LogImporter.ArgumentText text;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;

    ReadAhead(TraceReader reader, LogImporter.ArgumentText text) {
        this.reader = reader;
        this.header = reader.header();
        this.text = text;
        this.thread = new Thread(this::run, "tracekit-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch, or null at the end of the log; rethrows what stopped the reading. */
    Batch next() throws IOException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while importing");
        }
        if (item instanceof End end) {
            queue.add(end);
            if (end.error() instanceof IOException e) {
                throw e;
            }
            if (end.error() instanceof RuntimeException e) {
                throw e;
            }
            return null;
        }
        return (Batch) item;
    }

    private void run() {
        Exception error = null;
        try {
            Batch batch;
            do {
                batch = read();
                queue.put(batch);
            } while (batch.size() == BATCH);
        } catch (IOException | RuntimeException e) {
            error = e;
        } catch (InterruptedException e) {
            return;
        }
        try {
            queue.put(new End(error));
        } catch (InterruptedException e) {
            // The importer gave up and closed us.
        }
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
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
