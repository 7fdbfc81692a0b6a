package dev.tracekit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tracekit record as a user meets it: exit codes and one-line errors. Uses real ptrace. */
class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void exitsWithTheCommandsCodeAndSaysWhatItRecorded() {
        Path log = dir.resolve("sh.trace");
        CliRun run = CliRun.of("record", "-o", log.toString(), "/bin/sh", "-c", "exit 5");
        assertEquals(5, run.exitCode(), run.err());
        assertTrue(run.err().matches("tracekit: recorded \\d+ events \\(.+\\) in \\d+\\.\\d\\d s to " + log + "\\R"
                + "tracekit: on-CPU samples by perf_event_open \\(task-clock\\), without stopping threads\\R"), run.err());
        assertTrue(Files.exists(log));
    }

    @Test
    void theSummarySaysWhenThreadsOnTheCpuAreInterrupted() {
        CliRun run = CliRun.of("record", "--sampler=ptrace", "-o", dir.resolve("p.trace").toString(), "/bin/true");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("tracekit: on-CPU samples by PTRACE_INTERRUPT (--sampler=ptrace)", run.err().lines().toList().get(1));
    }

    @Test
    void withoutSamplesTheSummaryIsOneLine() {
        CliRun run = CliRun.of("record", "--no-samples", "-o", dir.resolve("n.trace").toString(), "/bin/true");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void anUnknownSamplerIsAUsageError() {
        CliRun run = CliRun.of("record", "--sampler=dtrace", "/bin/true");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("expected auto, perf or ptrace, got 'dtrace'"), run.err());
    }

    @Test
    void killedBySignalIs128PlusItsNumber() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("k.trace").toString(), "--", "/bin/sh", "-c", "kill -TERM $$");
        assertEquals(128 + 15, run.exitCode(), run.err());
    }

    @Test
    void commandNotFoundIs127() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("x.trace").toString(), "no-such-command-anywhere");
        assertEquals(127, run.exitCode());
        assertEquals("tracekit: no-such-command-anywhere: command not found", run.err().strip());
        assertFalse(Files.exists(dir.resolve("x.trace")), "no log left behind when nothing was recorded");
    }

    @Test
    void noSuchProcessIsBadInput() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("x.trace").toString(), "-p", "999999999");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("tracekit: no such process: 999999999", run.err().strip());
    }

    @Test
    void sampleRateOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("x.trace").toString(), "-F", "0", "/bin/true");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("-F takes 1 to 10000 samples a second"), run.err());
    }

    @Test
    void syscallStacksWithoutSyscallsIsAUsageError() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("x.trace").toString(), "--syscall-stacks", "-e", "trace=none",
                "/bin/true");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertEquals("tracekit: --syscall-stacks needs syscalls to trace, and -e trace=none selects none", run.err().strip());
        assertFalse(Files.exists(dir.resolve("x.trace")));
    }

    @Test
    void unknownSyscallNameIsAUsageError() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("x.trace").toString(), "-e", "trace=open,frobnicate", "/bin/true");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertEquals("tracekit: unknown syscall name 'frobnicate' in -e trace=open,frobnicate", run.err().strip());
    }

    @Test
    void unwritableOutputIsAFailureNamingTheFile() {
        CliRun run = CliRun.of("record", "-o", "/proc/no-such-dir/x.trace", "/bin/true");
        assertEquals(ExitCode.FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: cannot write /proc/no-such-dir/x.trace: "), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void pidAndCommandTogetherIsAUsageError() {
        CliRun run = CliRun.of("record", "-p", "1", "/bin/true");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: give either -p PID or a command, not both"), run.err());
    }

    @Test
    void optionsAfterTheCommandBelongToTheCommand() {
        CliRun run = CliRun.of("record", "-o", dir.resolve("ls.trace").toString(), "/bin/sh", "-c", "exit 0", "-o", "ignored");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("ls.trace")));
    }
}
