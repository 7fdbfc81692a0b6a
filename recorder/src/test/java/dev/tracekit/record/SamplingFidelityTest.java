package dev.tracekit.record;

import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampling must not change the syscall trace. samples/c/pipe_naps.c has seven threads whose
 * calls block and return hundreds of times, with work on the CPU in between, so that at 999 Hz
 * many interrupts land on a thread just entering a call: each such call must still be one
 * call, never an -ERESTART* return plus its restart, nor a directory listing cut short.
 * perf_event_open sampling stops no thread; it must leave the calls alone too.
 */
class SamplingFidelityTest {
    /** Whether pthread_join waits in futex depends on which thread the scheduler ran first. */
    private static final List<String> SCHEDULED = List.of("futex");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RecordOptions.Sampler.class, names = {"PERF", "PTRACE"})
    void sameCallsWithSamplingAsWithoutAndAsStrace(RecordOptions.Sampler sampler) throws Exception {
        List<String> command = List.of(Samples.c("pipe_naps").toString());
        Path sampled = dir.resolve("sampled.trace");
        Path plain = dir.resolve("plain.trace");
        Recordings.run(SamplingTest.options(List.of(), command, sampled, 999, false, null, sampler));
        Recordings.run(SamplingTest.options(List.of(), command, plain, 0, false, null, sampler));
        TreeMap<Integer, List<String>> strace = StraceRun.callsByThread(dir, command);

        List<TraceEvent> events = LogCalls.read(sampled).events();
        TreeMap<Integer, List<String>> withSamples = withoutScheduled(LogCalls.callsByThread(events));
        TreeMap<Integer, List<String>> withoutSamples = withoutScheduled(LogCalls.callsByThread(LogCalls.read(plain).events()));
        Map<String, Long> counts = LogCalls.counts(withSamples);
        assertEquals(LogCalls.counts(withoutScheduled(strace)), counts, "calls per name, strace -f and sampled");
        assertEquals(LogCalls.counts(withoutSamples), counts, "calls per name, unsampled and sampled");
        assertEquals(LogCalls.sequences(withoutSamples), LogCalls.sequences(withSamples),
                () -> LogCalls.firstDifferences(LogCalls.sequences(withoutSamples), LogCalls.sequences(withSamples)));
        assertTrue(counts.get("read") >= 600, "every byte through the pipes: " + counts);
        List<Syscall> restarted = events.stream().filter(e -> e instanceof Syscall s && s.result() <= -512 && s.result() >= -516)
                .map(e -> (Syscall) e).toList();
        assertEquals(List.of(), restarted, "no call returns -ERESTART*");
        long samples = events.stream().filter(e -> e instanceof StackSample).count();
        assertTrue(samples >= 500, samples + " samples");
    }

    /**
     * Under seccomp a call an interrupt meets is not skipped and made again, which the filter
     * would judge (pipe_naps's kills the process for the number -1). So a thread under seccomp
     * that stops for calls is sampled at its next stop instead of interrupted, and its calls stay
     * as strace sees them, the directory listings too.
     */
    @Test
    void underSeccompTheProgramLivesAndItsCallsStayAsTheyAre() throws Exception {
        List<String> command = List.of(Samples.c("pipe_naps").toString(), "seccomp");
        Path log = dir.resolve("seccomp.trace");
        RecordResult result = Recordings.run(SamplingTest.options(List.of(), command, log, 999, false, null,
                RecordOptions.Sampler.PTRACE));

        assertEquals(0, result.exitCode(), "exit code (159: killed by its filter's SIGSYS)");
        List<TraceEvent> events = LogCalls.read(log).events();
        Map<String, Long> counts = LogCalls.counts(withoutScheduled(LogCalls.callsByThread(events)));
        assertEquals(LogCalls.counts(withoutScheduled(StraceRun.callsByThread(dir, command))), counts, "calls per name");
        assertTrue(events.stream().noneMatch(e -> e instanceof Syscall s && s.result() <= -512 && s.result() >= -516),
                "no call returns -ERESTART*");
        long samples = events.stream().filter(e -> e instanceof StackSample).count();
        assertTrue(samples >= 500, samples + " samples");
    }

    /** -e trace=none: samples only, and the program runs as it would alone. */
    @ParameterizedTest
    @EnumSource(value = RecordOptions.Sampler.class, names = {"PERF", "PTRACE"})
    void traceNoneRecordsSamplesAndNoCallsAndLeavesTheProgramAlone(RecordOptions.Sampler sampler) throws Exception {
        Path out = dir.resolve("out.txt");
        List<String> command = List.of("/bin/sh", "-c", Samples.c("pipe_naps") + " && echo done > " + out + "; exit 3");
        Path log = dir.resolve("none.trace");
        RecordOptions options = new RecordOptions(List.of(), command, log, RecordOptions.DEFAULT_STRING_LIMIT, "none", null,
                999, false, sampler);
        RecordResult result = Recordings.run(options);

        assertEquals(3, result.exitCode());
        assertEquals("done\n", Files.readString(out));
        List<TraceEvent> events = LogCalls.read(log).events();
        assertEquals(0, SamplingTest.unrecordedCalls(events));
        List<StackSample> readers = events.stream().filter(e -> e instanceof StackSample s
                && SamplingTest.names(s).contains("reader")).map(e -> (StackSample) e).toList();
        assertTrue(readers.size() >= 50, readers.size() + " samples in the reader threads");
        assertTrue(readers.stream().anyMatch(s -> s.syscall() == 0), "blocked readers are seen inside read");
    }

    private static TreeMap<Integer, List<String>> withoutScheduled(TreeMap<Integer, List<String>> calls) {
        calls.values().forEach(list -> list.removeAll(SCHEDULED));
        return calls;
    }
}
