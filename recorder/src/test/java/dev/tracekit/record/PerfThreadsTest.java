package dev.tracekit.record;

import dev.tracekit.perf.TaskClockSampler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads that stop for calls often go to interrupts, and come back to perf once calm. Needs perf_event_open. */
class PerfThreadsTest {
    private static final int HZ = 99;

    @Test
    void aThreadStoppingOftenIsLetGoAndFollowedAgainOnceCalm() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 4096)) {
            PerfThreads perf = new PerfThreads(sampler, HZ);
            TracedThread thread = new TracedThread(self);
            perf.follow(thread);
            assertTrue(thread.perfSampled, sampler.refusal());
            long now = System.nanoTime();

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += PerfThreads.STOPS_PER_INTERRUPT * HZ / 20; // in a tenth of a second: half the limit
            perf.review(List.of(thread), now);
            assertTrue(thread.perfSampled, "stopping half as often as the limit: still perf");

            now += PerfThreads.REVIEW_NANOS;
            thread.syscallStops += PerfThreads.STOPS_PER_INTERRUPT * HZ; // ten times the limit
            perf.review(List.of(thread), now);
            assertFalse(thread.perfSampled);
            assertEquals(0, sampler.following());
            assertEquals(1, perf.letGoForStops());

            now += PerfThreads.REVIEW_NANOS / 2;
            perf.review(List.of(thread), now);
            assertFalse(thread.perfSampled, "reviewed at most every " + PerfThreads.REVIEW_NANOS + " ns");

            now += PerfThreads.REVIEW_NANOS;
            perf.review(List.of(thread), now);
            assertTrue(thread.perfSampled, "calm again");
            assertEquals(1, sampler.following());
            perf.letGo(thread);
            assertEquals(0, sampler.following());
        }
    }

    @Test
    void withoutPerfNothingIsFollowed() {
        PerfThreads perf = new PerfThreads(null, HZ);
        TracedThread thread = new TracedThread(1);
        perf.follow(thread);
        perf.review(List.of(thread), System.nanoTime() + PerfThreads.REVIEW_NANOS);
        assertFalse(thread.perfSampled);
    }
}
