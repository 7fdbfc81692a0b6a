package dev.tracekit.record;

import dev.tracekit.perf.TaskClockSampler;

import java.util.Collection;

/**
 * Which traced threads perf_event_open samples on the CPU; the others are interrupted for their
 * samples. A perf event costs its thread at every context switch (0.5 to 1.5 us on this VM,
 * mostly starting and cancelling the task-clock's timer), and a syscall stop is two switches;
 * an interrupt costs a stop and the wait for a CPU after it, some tens of microseconds. So a
 * thread that stops for calls more than {@link #STOPS_PER_INTERRUPT} times per sample due is
 * cheaper to interrupt (and rarely on the CPU for long): perf lets it go, and follows it again
 * once it stops less than a quarter as often. With syscall stops a new thread is interrupted
 * until its first review has seen how often it stops, so that one busy with calls never pays
 * for a perf event. Used on the tracer thread only.
 */
final class PerfThreads {
    static final long REVIEW_NANOS = 100_000_000;
    static final int STOPS_PER_INTERRUPT = 20;
    private final TaskClockSampler perf;
    private final long toPtrace;
    private final long toPerf;
    private final boolean judgeFirst;
    private long reviewedAt = System.nanoTime();
    private int busyWithCalls;

    /**
     * @param perf         the sampler, or null: then no thread is followed
     * @param syscallStops whether threads stop for calls, so that a new one is judged before it is followed
     */
    PerfThreads(TaskClockSampler perf, int hz, boolean syscallStops) {
        this.perf = perf;
        this.toPtrace = (long) STOPS_PER_INTERRUPT * hz;
        this.toPerf = toPtrace / 4;
        this.judgeFirst = syscallStops;
    }

    /** The sampler whose rings hold the samples, or null. */
    TaskClockSampler sampler() {
        return perf;
    }

    /** A thread new to us, or one whose recording starts: followed now, or once a review finds it calm. */
    void admit(TracedThread thread, long now) {
        thread.stopsCountedSince = now;
        thread.syscallStopsReviewed = thread.syscallStops;
        if (!judgeFirst) {
            follow(thread);
        }
    }

    /** perf samples the thread from now on, if the kernel agrees. */
    private void follow(TracedThread thread) {
        thread.perfSampled = perf != null && perf.follow(thread.tid);
        thread.perfRefused = perf != null && !thread.perfSampled;
    }

    /** The thread is gone, detached, or stops too often: its events are closed. */
    void letGo(TracedThread thread) {
        if (thread != null && thread.perfSampled) {
            perf.unfollow(thread.tid);
            thread.perfSampled = false;
        }
    }

    /** A thread that called execve took its process's tid. */
    void renamed(int formerTid, int tid) {
        if (perf != null) {
            perf.renamed(formerTid, tid);
        }
    }

    /**
     * Every {@link #REVIEW_NANOS}: threads that stopped often are let go, calm ones followed
     * (again). A thread counted for less than half that time waits for the next review.
     */
    void review(Collection<TracedThread> threads, long now) {
        if (perf == null || now - reviewedAt < REVIEW_NANOS) {
            return;
        }
        reviewedAt = now;
        for (TracedThread thread : threads) {
            long counted = now - thread.stopsCountedSince;
            if (counted < REVIEW_NANOS / 2) {
                continue;
            }
            long perSecond = (thread.syscallStops - thread.syscallStopsReviewed) * 1_000_000_000L / counted;
            thread.syscallStopsReviewed = thread.syscallStops;
            thread.stopsCountedSince = now;
            boolean busy = perSecond > toPtrace;
            if (thread.perfSampled && busy) {
                letGo(thread);
            } else if (!thread.perfSampled && !thread.perfRefused && perSecond < (thread.foundBusy ? toPerf : toPtrace)) {
                follow(thread);
            }
            if (busy && !thread.foundBusy) {
                thread.foundBusy = true;
                busyWithCalls++;
            }
        }
    }

    /** How many threads were found stopping too often for perf, and were interrupted instead. */
    int busyWithCalls() {
        return busyWithCalls;
    }
}
