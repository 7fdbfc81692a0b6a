package dev.tracekit.record;

import dev.tracekit.trace.event.Exit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Launched sample programs, recorded by tracekit and by the real strace -f: the same syscalls,
 * as often, in the same order on every thread. Needs ptrace (CI runs as root): fails, not skips.
 */
class LaunchVersusStraceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file_threads", "pipe_block", "signal_sleep", "fork_exec", "exit_code"})
    void sameCallsAsStrace(String sample) throws Exception {
        List<String> command = List.of(Samples.c(sample).toString(), dir.toString());
        if (sample.equals("exit_code")) {
            command = List.of(Samples.c(sample).toString(), "7");
        }
        Path log = dir.resolve(sample + ".trace");
        RecordResult result = Recordings.launch(log, command);

        TreeMap<Integer, List<String>> strace = StraceRun.callsByThread(dir, command);
        LogCalls.Read read = LogCalls.read(log);
        TreeMap<Integer, List<String>> recorded = LogCalls.callsByThread(read.events());

        if (sample.equals("file_threads")) {
            // Whether pthread_join waits in futex depends on which thread the scheduler ran first.
            strace.values().forEach(calls -> calls.removeIf("futex"::equals));
            recorded.values().forEach(calls -> calls.removeIf("futex"::equals));
        }
        assertEquals(LogCalls.counts(strace), LogCalls.counts(recorded), "calls per name");
        assertEquals(LogCalls.sequences(strace), LogCalls.sequences(recorded), "calls per thread");
        assertEquals(true, read.status().complete(), read.status().message());
        assertEquals(sample.equals("exit_code") ? 7 : 0, result.exitCode());
        assertEquals(strace.size(), read.events().stream().filter(e -> e instanceof Exit).count(), "an exit per thread");
    }
}
