package dev.tracekit.db;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches made on a thread of their own and taken by the importing thread, so that on two cores
 * reading an input overlaps with appending to DuckDB. A few batches at most wait in between:
 * memory stays bounded whatever the input's size. What stops the producer (a read error, a bug)
 * is rethrown to the taker, after the batches made before it.
 */
public final class Handover<T> implements AutoCloseable {
    private static final int QUEUED = 4;

    /** Makes the batches, in order, and returns at the end of its input. */
    public interface Producer<T> {
        void produce(Sink<T> sink) throws IOException, InterruptedException;
    }

    /** Where a producer puts a batch; waits while {@link #QUEUED} are waiting already. */
    public interface Sink<T> {
        void put(T batch) throws InterruptedException;
    }

    /** What the producing thread ended with: the end of the input, or the error that stopped it. */
    private record End(Exception error) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;

    public Handover(String threadName, Producer<T> producer) {
        this.thread = new Thread(() -> run(producer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch, or null at the end of the input; rethrows what stopped the producer. */
    @SuppressWarnings("unchecked")
    public T next() throws IOException {
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
        return (T) item;
    }

    private void run(Producer<T> producer) {
        Exception error = null;
        try {
            producer.produce(queue::put);
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
