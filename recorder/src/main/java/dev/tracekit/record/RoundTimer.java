package dev.tracekit.record;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The rounds of -F HZ on the recorder's timer thread: each asks for a round of samples and
 * learns when the next is due, at the sample period or less often while no thread needs to be
 * interrupted. When one comes to need it, {@link #hurry} brings a far-off round near, so that a
 * short-lived thread is not left unsampled for a whole slow round.
 */
final class RoundTimer {
    private final ScheduledExecutorService timer;
    private final long period;
    private final LongSupplier round;
    /** Guarded by this: the tick to come, or the one running. */
    private ScheduledFuture<?> next;
    /** Guarded by this: a hurry came while a tick ran, whose next tick must come soon. */
    private boolean hurried;

    /**
     * @param period nanoseconds between two samples
     * @param round  requests a round; returns the nanoseconds until the next is due
     */
    RoundTimer(ScheduledExecutorService timer, long period, LongSupplier round) {
        this.timer = timer;
        this.period = period;
        this.round = round;
    }

    synchronized void start() {
        schedule(period);
    }

    /** Any thread: the next round comes within one period, if it was due later. */
    synchronized void hurry() {
        if (next == null) {
            return;
        }
        long delay = next.getDelay(TimeUnit.NANOSECONDS);
        if (delay > 0 && delay <= period) {
            return; // near enough already
        }
        if (delay > 0 && next.cancel(false)) {
            schedule(period);
        } else {
            hurried = true; // running or about to: the delay it computes may predate the hurry
        }
    }

    private void tick() {
        long delay = round.getAsLong();
        synchronized (this) {
            schedule(hurried ? Math.min(delay, period) : delay);
            hurried = false;
        }
    }

    private void schedule(long delay) {
        try {
            next = timer.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // the recording is over
        }
    }
}
