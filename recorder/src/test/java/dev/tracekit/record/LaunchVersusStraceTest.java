package dev.tracekit.record;

import dev.tracekit.trace.event.Exit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launched sample programs, recorded by tracekit and by the real strace -f: the same syscalls,
 * as often, in the same order on every thread. Needs ptrace (CI runs as root): fails, not skips.
 */
class LaunchVersusStraceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file_threads", "pipe_block", "signal_sleep", "fork_exec", "exit_code", "python", "pipeline"})
    void sameCallsAsStrace(String sample) throws Exception {
        List<String> command = command(sample);
        Path log = dir.resolve(sample + ".trace");
        RecordResult result = Recordings.launch(log, command);

        TreeMap<Integer, List<String>> strace = StraceRun.callsByThread(dir, command);
        LogCalls.Read read = LogCalls.read(log);
        TreeMap<Integer, List<String>> recorded = LogCalls.callsByThread(read.events());
        List<String> scheduled = switch (sample) {
            // Whether pthread_join waits in futex depends on which thread the scheduler ran first.
            case "file_threads" -> List.of("futex");
            // The shell reaps its children from a SIGCHLD handler: where the signals land, and
            // how many merge into one, depends on scheduling.
            case "pipeline" -> List.of("rt_sigreturn", "wait4");
            default -> List.of();
        };
        strace.values().forEach(calls -> calls.removeAll(scheduled));
        recorded.values().forEach(calls -> calls.removeAll(scheduled));

        assertEquals(LogCalls.counts(strace), LogCalls.counts(recorded), "calls per name");
        assertEquals(LogCalls.sequences(strace), LogCalls.sequences(recorded),
                () -> LogCalls.firstDifferences(LogCalls.sequences(strace), LogCalls.sequences(recorded)));
        assertTrue(read.status().complete(), read.status().message());
        assertEquals(sample.equals("exit_code") ? 7 : 0, result.exitCode());
        assertEquals(strace.size(), read.events().stream().filter(e -> e instanceof Exit).count(), "an exit per thread");
    }

    private List<String> command(String sample) throws Exception {
        return switch (sample) {
            case "exit_code" -> List.of(Samples.c(sample).toString(), "7");
            case "python" -> List.of(python(), Samples.source("python/files.py").toString(), dir.toString());
            case "pipeline" -> List.of("/bin/sh", Samples.source("shell/pipeline.sh").toString());
            default -> List.of(Samples.c(sample).toString(), dir.toString());
        };
    }

    /** Debian's python3, not a version manager's shim script that would run a shell first. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
