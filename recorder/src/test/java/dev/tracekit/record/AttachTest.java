package dev.tracekit.record;

import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tracekit record -p: attached to processes that are not its children, as in real use. */
class AttachTest {
    @TempDir
    Path dir;

    /**
     * The sample waits behind a gate; once attached we open it and the sample execs. From that
     * execve on, the recording holds the same calls as strace -f running the sample directly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"file_threads", "fork_exec", "signal_sleep"})
    void attachedRecordingMatchesStrace(String sample) throws Exception {
        List<String> command = List.of(Samples.c(sample).toString(), dir.toString());
        Detached target = Detached.gated(dir, command);
        Path log = dir.resolve("attached.trace");
        Recordings.Running recording = Recordings.background(log, List.of(target.pid), List.of(), null);
        assertTrue(recording.recorder().awaitStarted(10, TimeUnit.SECONDS));
        target.release();
        recording.await(60);

        LogCalls.Read read = LogCalls.read(log);
        TreeMap<Integer, List<String>> recorded = LogCalls.callsByThread(read.events());
        List<String> beforeExec = recorded.get(target.pid);
        int execve = beforeExec.indexOf("execve");
        assertTrue(execve >= 0, "the gated shell's exec of the sample is recorded: " + beforeExec);
        recorded.put(target.pid, new ArrayList<>(beforeExec.subList(execve, beforeExec.size())));
        TreeMap<Integer, List<String>> strace = StraceRun.callsByThread(dir, command);
        strace.values().forEach(calls -> calls.removeIf("futex"::equals));
        recorded.values().forEach(calls -> calls.removeIf("futex"::equals));

        assertEquals(LogCalls.counts(strace), LogCalls.counts(recorded));
        assertTrue(read.events().stream().anyMatch(e -> e instanceof ProcessInfo p && p.pid() == target.pid),
                "the snapshot names the process");
        assertTrue(read.events().stream().anyMatch(e -> e instanceof Exit x && x.tid() == target.pid && x.exitCode() == 0));
        assertTrue(read.status().complete(), read.status().message());
    }

    /** Attach for a second, detach: the process runs on as if nothing happened. */
    @Test
    void detachAfterDurationLeavesTheProcessRunning() throws Exception {
        Path ticks = dir.resolve("ticks.txt");
        Detached ticker = Detached.start(dir, List.of(Samples.c("ticker").toString(), ticks.toString()));
        try {
            awaitTick(ticks, 3);
            Path log = dir.resolve("duration.trace");
            RecordResult result = Recordings.background(log, List.of(ticker.pid), List.of(), Duration.ofSeconds(1)).await(30);

            assertEquals(0, result.exitCode());
            assertEquals(0, ticker.tracerPid(), "detached");
            assertTrue(ticker.alive() && "RS".indexOf(ticker.state()) >= 0, "running, state " + ticker.state());
            awaitTick(ticks, currentTick(ticks) + 5);

            List<TraceEvent> events = LogCalls.read(log).events();
            Map<String, Long> counts = LogCalls.counts(LogCalls.callsByThread(events));
            assertTrue(counts.getOrDefault("clock_nanosleep", 0L) > 20, "about 100 ticks a second: " + counts);
            assertTrue(events.stream().anyMatch(e -> e instanceof ThreadInfo t && t.tid() == ticker.pid && "ticker".equals(t.name())));
        } finally {
            ticker.kill();
        }
    }

    static void awaitTick(Path ticks, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (currentTick(ticks) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no tick " + atLeast + " in " + ticks);
            }
            Thread.sleep(10);
        }
    }

    /**
     * The ticker's last tick. It truncates the file before writing each tick, and a traced ticker
     * can sit stopped in between, so an empty file means "ask again", not tick 0: taken as 0, a
     * test waiting for 20 ticks after attach would not wait at all.
     */
    static long currentTick(Path ticks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                String text = Files.readString(ticks).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text.split("[ \n]")[0]);
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet, or caught mid-write: read again
            }
            if (System.nanoTime() > deadline) {
                return 0;
            }
            Thread.sleep(1);
        }
    }
}
