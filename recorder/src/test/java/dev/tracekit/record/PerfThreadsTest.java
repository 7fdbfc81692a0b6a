package dev.tracekit.record;

import dev.tracekit.perf.TaskClockSampler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * New threads are judged before perf follows them; threads that stop for calls often go to
 * interrupts, and come back to perf once calm. Needs perf_event_open.
 */
class PerfThreadsTest {
    private static final int HZ = 99;
    private static final long LIMIT_PER_REVIEW = PerfThreads.STOPS_PER_INTERRUPT * HZ / 10; // stops in 0.1 s at the limit

    @Test
    void aNewThreadIsFollowedOnceAReviewFindsItCalm() throws Exception {
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 4096)) {
            PerfThreads perf = new PerfThreads(sampler, HZ, true);
            TracedThread thread = new TracedThread(self());
            long now = System.nanoTime();
            perf.admit(thread, now);
            assertFalse(thread.perfSampled, "interrupted until judged");

            now += PerfThreads.REVIEW_NANOS;
            TracedThread newer = new TracedThread(self());
            perf.admit(newer, now - PerfThreads.REVIEW_NANOS / 4);
            thread.syscallStops += LIMIT_PER_REVIEW / 2;
            perf.review(List.of(thread, newer), now);
            assertTrue(thread.perfSampled, "half the limit: calm enough for perf; " + sampler.refusal());
            assertFalse(newer.perfSampled, "counted for a quarter of a review: judged at the next");
            assertEquals(0, perf.busyWithCalls());
            perf.letGo(thread);
            assertEquals(0, sampler.following());
        }
    }

    @Test
    void aNewThreadBusyWithCallsIsNeverFollowed() throws Exception {
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 4096)) {
            PerfThreads perf = new PerfThreads(sampler, HZ, true);
            TracedThread thread = new TracedThread(self());
            long now = System.nanoTime();
            perf.admit(thread, now);
            for (int review = 0; review < 3; review++) {
                now += PerfThreads.REVIEW_NANOS;
                thread.syscallStops += LIMIT_PER_REVIEW * 10;
                perf.review(List.of(thread), now);
                assertFalse(thread.perfSampled);
                assertEquals(0, sampler.following());
            }
            assertEquals(1, perf.busyWithCalls(), "counted once");
        }
    }

    @Test
    void aThreadStoppingOftenIsLetGoAndFollowedAgainOnceCalm() throws Exception {
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 4096)) {
            PerfThreads perf = new PerfThreads(sampler, HZ, false);
            TracedThread thread = new TracedThread(self());
            long now = System.nanoTime();
            perf.admit(thread, now);
            assertTrue(thread.perfSampled, "without syscall stops followed at once; " + sampler.refusal());

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += LIMIT_PER_REVIEW / 2;
            perf.review(List.of(thread), now);
            assertTrue(thread.perfSampled, "stopping half as often as the limit: still perf");

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += LIMIT_PER_REVIEW * 10;
            perf.review(List.of(thread), now);
            assertFalse(thread.perfSampled);
            assertEquals(0, sampler.following());
            assertEquals(1, perf.busyWithCalls());

            now += PerfThreads.REVIEW_NANOS / 2;
            perf.review(List.of(thread), now);
            assertFalse(thread.perfSampled, "reviewed at most every " + PerfThreads.REVIEW_NANOS + " ns");

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += LIMIT_PER_REVIEW / 2;
            perf.review(List.of(thread), now);
            assertFalse(thread.perfSampled, "once let go, half the limit is not calm enough");

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += LIMIT_PER_REVIEW / 5;
            perf.review(List.of(thread), now);
            assertTrue(thread.perfSampled, "calm again");
            assertEquals(1, sampler.following());
            perf.letGo(thread);
            assertEquals(0, sampler.following());
        }
    }

    @Test
    void withoutPerfNothingIsFollowed() {
        PerfThreads perf = new PerfThreads(null, HZ, false);
        TracedThread thread = new TracedThread(1);
        perf.admit(thread, System.nanoTime());
        perf.review(List.of(thread), System.nanoTime() + PerfThreads.REVIEW_NANOS);
        assertFalse(thread.perfSampled);
    }

    private static int self() {
        return (int) ProcessHandle.current().pid();
    }
}
