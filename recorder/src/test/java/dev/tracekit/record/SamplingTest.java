package dev.tracekit.record;

import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timer samples inside tracekit record, of samples/c/stack_chain.c built without frame
 * pointers: on the CPU, nearly every sample holds the whole chain; blocked, every sample says
 * in which call; and the process is left running, untraced. With either sampler of threads on
 * the CPU: perf_event_open, and PTRACE_INTERRUPT, which is what is left where perf is refused.
 */
class SamplingTest {
    private static final List<String> CHAIN = List.of("_start", "__libc_start_main", "__libc_start_call_main", "main",
            "chain_1", "chain_2", "chain_3", "chain_4", "chain_5", "bottom");
    private static final int SIGKILL = 9;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RecordOptions.Sampler.class, names = {"PERF", "PTRACE"})
    void attachedSpinningChainIsWholeInNearlyEverySampleAndRunsOnAfter(RecordOptions.Sampler sampler) throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(chain().toString(), "spin", ready.toString()));
        try {
            awaitFile(ready);
            Path log = dir.resolve("spin.trace");
            Recordings.run(options(List.of(process.pid), List.of(), log, 199, false, Duration.ofMillis(1500), sampler));

            assertMostlyWholeChain(timerSamples(log, process.pid, 0));
            assertEquals('R', process.state(), "running on, neither stopped nor traced");
            assertEquals(0, process.tracerPid());
        } finally {
            process.kill();
        }
    }

    @ParameterizedTest
    @EnumSource(value = RecordOptions.Sampler.class, names = {"PERF", "PTRACE"})
    void launchedSpinningChainIsWholeInNearlyEverySample(RecordOptions.Sampler sampler) throws Exception {
        Path ready = dir.resolve("ready");
        Path log = dir.resolve("spin.trace");
        Recordings.run(options(List.of(), List.of(chain().toString(), "spin", ready.toString()), log, 199, false,
                Duration.ofMillis(2000), sampler));
        List<TraceEvent> events = LogCalls.read(log).events();
        int pid = events.stream().filter(e -> e instanceof Exec).map(e -> ((Exec) e).pid()).findFirst().orElseThrow();
        try {
            // Once it announced itself ready it makes no more calls: from then on it spins in the chain.
            long spinning = events.stream().filter(e -> e instanceof Syscall s && s.tid() == pid)
                    .mapToLong(e -> ((Syscall) e).time() + ((Syscall) e).duration()).max().orElseThrow();
            assertMostlyWholeChain(timerSamples(events, pid, spinning));
        } finally {
            Native.libc().kill(pid, SIGKILL);
            new Wait().waitpid(pid, Wait.ALL); // our child: reap it
        }
    }

    /**
     * Built with frame pointers, the chain's frames compute their CFA from rbp, which the
     * syscall stop does not report: it is read at the call's entry.
     */
    @ParameterizedTest
    @CsvSource({"PERF, false", "PTRACE, false", "PERF, true"})
    void samplesOfABlockedThreadSayWhichCallItIsInAndShowTheChain(RecordOptions.Sampler sampler, boolean framePointers)
            throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(chain(framePointers).toString(), "naps", ready.toString()));
        try {
            awaitFile(ready);
            Path log = dir.resolve("naps.trace");
            Recordings.run(options(List.of(process.pid), List.of(), log, 199, false, Duration.ofMillis(1000), sampler));

            List<StackSample> samples = timerSamples(log, process.pid, 0);
            assertTrue(samples.size() >= 50, samples.size() + " samples in a second at 199 Hz");
            long inSleep = samples.stream().filter(s -> s.syscall() == 35 || s.syscall() == 230).count();
            // A 5 ms nap in a loop: nearly always asleep. The one nap the attach cut short resumes as restart_syscall.
            assertTrue(inSleep >= samples.size() * 9 / 10, inSleep + " of " + samples.size() + " in nanosleep or clock_nanosleep");
            for (StackSample sample : samples) {
                if (sample.syscall() == 35 || sample.syscall() == 230) {
                    assertTrue(containsInOrder(names(sample), CHAIN), "the chain above the call: " + names(sample));
                }
            }
            assertTrue(process.state() == 'S' || process.state() == 'R', "not stopped: " + process.state());
            assertEquals(0, process.tracerPid());
        } finally {
            process.kill();
        }
    }

    /**
     * Ten processes one after the other, each spinning for 60 ms of CPU and gone: each keeps
     * its samples, though they are unwound after it would have ended (its exit waits for them;
     * with -e trace=none perf samples it from its start, so that none may be unwound before)
     * and it starts while rounds are slow (a new thread brings the next round near).
     */
    @ParameterizedTest
    @CsvSource({"PERF, all", "PTRACE, all", "PERF, none"})
    void shortLivedProcessesKeepTheirSamples(RecordOptions.Sampler sampler, String traceSet) throws Exception {
        Path log = dir.resolve("bursts.trace");
        String burst = chain() + " burst; ";
        Recordings.run(new RecordOptions(List.of(), List.of("/bin/sh", "-c", "sleep 0.3; " + burst.repeat(10)), log,
                RecordOptions.DEFAULT_STRING_LIMIT, traceSet.equals("all") ? null : traceSet, null, 99, false, sampler));

        List<TraceEvent> events = LogCalls.read(log).events();
        String comm = chain().getFileName().toString();
        List<Integer> bursts = events.stream().filter(e -> e instanceof ThreadRenamed renamed
                && comm.startsWith(renamed.name())).map(e -> ((ThreadRenamed) e).tid()).distinct().toList();
        List<Long> counts = new ArrayList<>();
        for (int pid : bursts) {
            counts.add(events.stream().filter(e -> e instanceof StackSample s && s.tid() == pid
                    && s.trigger() == StackSample.Trigger.TIMER && containsInOrder(names(s), CHAIN)).count());
        }
        // 60 ms of CPU: 5 samples at 99 Hz (6 of wall-clock time when interrupted, more inside
        // its calls on a busy machine). Slow rounds not brought near lost processes whole.
        assertEquals(10, bursts.size(), "ten bursts: " + bursts);
        assertTrue(counts.stream().allMatch(count -> count >= 3), "samples of the whole chain per process: " + counts);
    }

    /**
     * A thread asleep in a call is sampled at every point of the sample period's grid, written
     * when a round or the call's end comes: once each, none left out, whatever the rounds' rate.
     */
    @ParameterizedTest
    @EnumSource(value = RecordOptions.Sampler.class, names = {"PERF", "PTRACE"})
    void samplesInsideACallFallOnTheGridOfTheSamplePeriod(RecordOptions.Sampler sampler) throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(chain().toString(), "sleep", ready.toString()));
        try {
            awaitFile(ready);
            Path log = dir.resolve("sleep.trace");
            long started = System.nanoTime();
            Recordings.run(options(List.of(process.pid), List.of(), log, 100, false, Duration.ofMillis(1000), sampler));
            long ended = System.nanoTime();

            List<Long> all = timerSamples(log, process.pid, 0).stream().map(StackSample::time).toList();
            // Interrupted (with perf too, until a review has judged the new thread), a thread is
            // captured at its stop: the attach's stop comes at its own time.
            List<Long> times = onTheGrid(all, 10_000_000, 2);
            assertTrue(times.get(0) >= started && times.get(times.size() - 1) <= ended, "within the recording");
        } finally {
            process.kill();
        }
    }

    /**
     * -e trace=none: /proc finds the thread asleep once; while its CPU time stays put it is in
     * the same call with the same stack, so every later round samples it on the grid from the
     * stack already unwound, none of them re-read. Re-reading would sample at each round's time.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withoutSyscallStopsASleepingThreadIsSampledOnTheGridFromOneStack(boolean framePointers) throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(chain(framePointers).toString(), "sleep", ready.toString()));
        try {
            awaitFile(ready);
            Path log = dir.resolve("sleep-none.trace");
            Recordings.run(new RecordOptions(List.of(process.pid), List.of(), log, RecordOptions.DEFAULT_STRING_LIMIT, "none",
                    Duration.ofMillis(1000), 100, false, RecordOptions.Sampler.AUTO));

            List<StackSample> samples = timerSamples(log, process.pid, 0);
            // Off the grid: the round that found it asleep, and one after the attach's stop.
            onTheGrid(samples.stream().map(StackSample::time).toList(), 10_000_000, 2);
            List<String> stack = names(samples.get(samples.size() - 1));
            assertTrue(containsInOrder(stack, CHAIN), "the chain above the call: " + stack);
            assertEquals(samples.size(), samples.stream().filter(sample -> names(sample).equals(stack)).count(), "one stack");
            assertEquals(0, process.tracerPid());
        } finally {
            process.kill();
        }
    }

    /** SIGKILL of the recorder while it samples fast: the tracee runs on, neither stopped nor traced. */
    @Test
    void killedRecorderLeavesTheTraceeRunning() throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(chain().toString(), "spin", ready.toString()));
        try {
            awaitFile(ready);
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process recorder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, RecorderMain.class.getName(), dir.resolve("k.trace").toString(), "-F", "999",
                    "-p", Integer.toString(process.pid)).inheritIO().start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (process.tracerPid() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(500);
            recorder.destroyForcibly();
            assertTrue(recorder.waitFor(10, TimeUnit.SECONDS));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (process.tracerPid() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, process.tracerPid());
            Thread.sleep(50);
            assertEquals('R', process.state());
        } finally {
            process.kill();
        }
    }

    static RecordOptions options(List<Integer> pids, List<String> command, Path log, int hz, boolean syscallStacks,
                                 Duration duration, RecordOptions.Sampler sampler) {
        return new RecordOptions(pids, command, log, RecordOptions.DEFAULT_STRING_LIMIT, null, duration, hz, syscallStacks,
                sampler);
    }

    static Path chain() throws Exception {
        return chain(false);
    }

    /** stack_chain built with frame pointers, whose CFI finds each frame from rbp, or without. */
    static Path chain(boolean framePointers) throws Exception {
        return framePointers ? Samples.variant("chain-fp", "stack_chain.c", false, "-fno-omit-frame-pointer")
                : Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
    }

    private static void assertMostlyWholeChain(List<StackSample> samples) {
        // perf samples the thread's CPU time: on a busy machine it gets less of 1.5 s than the 298 due.
        assertTrue(samples.size() >= 50, samples.size() + " samples of the spinning thread");
        long whole = samples.stream().filter(s -> s.syscall() == StackSample.ON_CPU && !s.stack().truncated()
                && containsInOrder(names(s), CHAIN)).count();
        String example = samples.stream().filter(s -> !containsInOrder(names(s), CHAIN)).limit(3)
                .map(s -> names(s) + (s.stack().truncated() ? " truncated" : "")).toList().toString();
        assertTrue(whole >= samples.size() * 99 / 100, whole + " of " + samples.size() + " whole; e.g. " + example);
    }

    private static List<StackSample> timerSamples(Path log, int tid, long after) throws Exception {
        return timerSamples(LogCalls.read(log).events(), tid, after);
    }

    private static List<StackSample> timerSamples(List<TraceEvent> events, int tid, long after) {
        return events.stream().filter(e -> e instanceof StackSample s && s.tid() == tid && s.time() > after
                && s.trigger() == StackSample.Trigger.TIMER).map(e -> (StackSample) e).toList();
    }

    /**
     * The sample times on the grid of {@code period}, sorted, after checking that at most
     * {@code offGrid} fall off it, that each point comes once and none is left out between the
     * first and the last, and that a second's worth came.
     */
    private static List<Long> onTheGrid(List<Long> all, long period, int offGrid) {
        List<Long> times = all.stream().filter(time -> time % period == 0).sorted().toList();
        assertTrue(all.size() - times.size() <= offGrid, "on the grid: " + all);
        assertEquals(times.size(), times.stream().distinct().count(), "each point once: " + times);
        assertTrue(times.size() >= 50, times.size() + " samples in a second at " + 1_000_000_000L / period + " Hz");
        assertEquals((times.get(times.size() - 1) - times.get(0)) / period + 1, times.size(),
                "no point left out between the first and the last");
        return times;
    }

    /** Outermost first, as the chain is written. */
    static List<String> names(StackSample sample) {
        List<String> names = new ArrayList<>();
        for (Frame frame : sample.stack().frames()) {
            names.add(0, frame.symbol() == null ? "?" : frame.symbol());
        }
        return names;
    }

    static boolean containsInOrder(List<String> names, List<String> chain) {
        for (int at = 0; at + chain.size() <= names.size(); at++) {
            if (names.subList(at, at + chain.size()).equals(chain)) {
                return true;
            }
        }
        return false;
    }

    static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never appeared: " + file);
            }
            Thread.sleep(5);
        }
    }

    static long unrecordedCalls(List<TraceEvent> events) {
        return events.stream().filter(e -> e instanceof Syscall || e instanceof SyscallEntry).count();
    }
}
