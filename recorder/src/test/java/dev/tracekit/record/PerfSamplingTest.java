package dev.tracekit.record;

import dev.tracekit.perf.PerfException;
import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads on the CPU sampled by perf_event_open inside tracekit record: at the rate of their
 * CPU time, whole, across an execve, without leaking a descriptor per thread; and the ptrace
 * way when perf is refused. Needs perf_event_open, which root has: without it these fail with
 * the kernel's reason.
 */
class PerfSamplingTest {
    private static final int HZ = 199;
    private static final long CLOCK_TICKS = 100; // USER_HZ, the unit of CPU time in /proc/PID/stat
    private static final int SIGKILL = 9;

    @TempDir
    Path dir;

    @Test
    void spinningChainIsSampledAtTheRateOfItsCpuTimeAndWhole() throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(SamplingTest.chain().toString(), "spin", ready.toString()));
        try {
            SamplingTest.awaitFile(ready);
            Path log = dir.resolve("spin.trace");
            long cpuBefore = cpuTicks(process.pid);
            RecordResult result = Recordings.run(perf(List.of(process.pid), List.of(), log, Duration.ofMillis(1500)));
            long cpu = cpuTicks(process.pid) - cpuBefore;

            assertTrue(result.sampling().startsWith("on-CPU samples by perf_event_open"), result.sampling());
            assertEquals("perf", header(log).get("sampler"));
            List<StackSample> samples = timerSamples(LogCalls.read(log).events(), process.pid, 0);
            // The attach and the detach stop it briefly: a sample or two may fall in between.
            double expected = cpu * HZ / (double) CLOCK_TICKS;
            assertTrue(samples.size() >= expected * 0.8 && samples.size() <= expected * 1.2 + 3,
                    samples.size() + " samples for " + cpu + " ticks of CPU at " + HZ + " Hz");
            assertMostlyWhole(samples);
            assertEquals('R', process.state(), "running on, neither stopped nor traced");
            assertEquals(0, process.tracerPid());
        } finally {
            process.kill();
        }
    }

    /** A thread's events outlive its execve; what the old program mapped is forgotten. */
    @Test
    void samplesAfterAnExecveUnwindWithTheNewProgram() throws Exception {
        Path ready = dir.resolve("ready");
        Path log = dir.resolve("exec.trace");
        List<String> command = List.of("/bin/sh", "-c", "exec \"$0\" spin \"$1\"", SamplingTest.chain().toString(), ready.toString());
        RecordResult result = Recordings.run(perf(List.of(), command, log, Duration.ofMillis(2500)));
        List<TraceEvent> events = LogCalls.read(log).events();
        List<Exec> execs = events.stream().filter(e -> e instanceof Exec).map(e -> (Exec) e).toList();
        assertEquals(2, execs.size(), "the shell, then the chain: " + execs);
        int pid = execs.get(1).pid();
        try {
            int execve = 59;
            assertTrue(events.stream().noneMatch(e -> e instanceof StackSample s && s.syscall() == execve
                    && s.time() > execs.get(1).time()), "no sample of the execve past the exec: its stack was the shell's");
            List<StackSample> samples = timerSamples(events, pid, execs.get(1).time());
            assertTrue(result.sampling().startsWith("on-CPU samples by perf_event_open"), result.sampling());
            assertMostlyWhole(samples.stream().filter(s -> SamplingTest.names(s).contains("bottom")).toList());
            assertTrue(samples.stream().filter(s -> SamplingTest.names(s).contains("bottom")).count() >= samples.size() * 9 / 10,
                    "the chain's frames, not the shell's: " + samples.stream().limit(3).map(SamplingTest::names).toList());
        } finally {
            Native.libc().kill(pid, SIGKILL);
            new Wait().waitpid(pid, Wait.ALL); // our child: reap it
        }
    }

    /** With -e trace=none each thread also holds two /proc files open while it is traced. */
    @ParameterizedTest
    @ValueSource(strings = {"all", "none"})
    void manyShortThreadsLeaveNoDescriptorOrMappingBehind(String traceSet) throws Exception {
        long descriptors = openDescriptors();
        long mappings = perfMappings();
        AtomicLong most = new AtomicLong();
        Path log = dir.resolve("churn.trace");
        Recordings.Running running = Recordings.background(new RecordOptions(List.of(),
                List.of(Samples.c("thread_churn").toString(), "400"), log, RecordOptions.DEFAULT_STRING_LIMIT,
                traceSet.equals("all") ? null : traceSet, null, HZ, false, RecordOptions.Sampler.PERF));
        while (!running.result().isDone()) {
            most.accumulateAndGet(openDescriptors(), Math::max);
            Thread.sleep(2);
        }
        RecordResult result = running.await(60);

        assertEquals(0, result.commandStatus());
        long threads = LogCalls.read(log).events().stream().filter(e -> e instanceof ChildCreated).count();
        assertTrue(threads >= 400, threads + " threads created");
        // Two threads at a time, one event per CPU each: a leak of one per thread would show as hundreds.
        assertTrue(most.get() - descriptors < 64, "at most " + (most.get() - descriptors) + " more descriptors while recording");
        assertEquals(descriptors, openDescriptors(), "every descriptor closed after the recording");
        assertEquals(mappings, perfMappings(), "every ring unmapped");
    }

    /** dd with 1-byte blocks stops for a call some 40,000 times a second: cheaper to interrupt than to follow. */
    @Test
    void aThreadBusyWithSyscallsIsInterruptedInstead() throws Exception {
        Path log = dir.resolve("dd.trace");
        RecordResult result = Recordings.run(perf(List.of(),
                List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000", "status=none"), log, null));
        assertEquals(0, result.commandStatus());
        assertTrue(result.sampling().endsWith("; interrupted instead while busy with syscalls: 1 thread"), result.sampling());
    }

    @Test
    void refusedPerfFallsBackToInterruptsAndSaysWhy() throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = Detached.start(dir, List.of(SamplingTest.chain().toString(), "spin", ready.toString()));
        try {
            SamplingTest.awaitFile(ready);
            Path log = dir.resolve("fallback.trace");
            RecordOptions options = new RecordOptions(List.of(process.pid), List.of(), log, RecordOptions.DEFAULT_STRING_LIMIT,
                    null, Duration.ofMillis(1500), HZ, false, RecordOptions.Sampler.AUTO);
            RecordResult result = refusingPerf(options).run();

            assertEquals("on-CPU samples by PTRACE_INTERRUPT (perf_event_open is not available: perf_event_open(task-clock, cpu 0): "
                    + "EACCES (Permission denied); refused by the test)", result.sampling());
            assertEquals("ptrace", header(log).get("sampler"));
            List<StackSample> samples = timerSamples(LogCalls.read(log).events(), process.pid, 0);
            assertTrue(samples.size() >= 100, samples.size() + " samples of the spinning thread, by interrupts");
            assertMostlyWhole(samples);
            assertEquals('R', process.state());
        } finally {
            process.kill();
        }
    }

    @Test
    void perfAskedForAndRefusedIsAnError() {
        RecordOptions options = new RecordOptions(List.of(), List.of("/bin/true"), dir.resolve("x.trace"),
                RecordOptions.DEFAULT_STRING_LIMIT, null, null, HZ, false, RecordOptions.Sampler.PERF);
        RecordException e = assertThrows(RecordException.class, () -> refusingPerf(options).run());
        assertEquals(1, e.exitCode());
        assertEquals("--sampler=perf: perf_event_open(task-clock, cpu 0): EACCES (Permission denied); refused by the test",
                e.getMessage());
    }

    private static Recorder refusingPerf(RecordOptions options) {
        return new Recorder(options, SyscallSupport.forThisMachine(), List.of("tracekit", "record", "--test"), "test",
                (hz, stackBytes) -> {
                    throw new PerfException("perf_event_open(task-clock, cpu 0)", 13, "refused by the test");
                });
    }

    private static RecordOptions perf(List<Integer> pids, List<String> command, Path log, Duration duration) {
        return new RecordOptions(pids, command, log, RecordOptions.DEFAULT_STRING_LIMIT, null, duration, HZ, false,
                RecordOptions.Sampler.PERF);
    }

    private static void assertMostlyWhole(List<StackSample> samples) {
        assertTrue(samples.size() >= 50, samples.size() + " samples");
        List<String> chain = List.of("main", "chain_1", "chain_2", "chain_3", "chain_4", "chain_5", "bottom");
        long whole = samples.stream().filter(s -> s.syscall() == StackSample.ON_CPU && !s.stack().truncated()
                && SamplingTest.containsInOrder(SamplingTest.names(s), chain)
                && SamplingTest.names(s).get(0).equals("_start")).count();
        assertTrue(whole >= samples.size() * 99 / 100, whole + " of " + samples.size() + " whole; e.g. "
                + samples.stream().limit(3).map(SamplingTest::names).toList());
    }

    private static List<StackSample> timerSamples(List<TraceEvent> events, int tid, long after) {
        return events.stream().filter(e -> e instanceof StackSample s && s.tid() == tid && s.time() > after
                && s.trigger() == StackSample.Trigger.TIMER).map(e -> (StackSample) e).toList();
    }

    private static Map<String, String> header(Path log) throws IOException {
        try (TraceReader reader = TraceReader.open(log)) {
            return reader.header().options();
        }
    }

    private static long cpuTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long perfMappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("perf_event")).count();
    }
}
