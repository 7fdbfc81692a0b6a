package dev.tracekit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** --folded, --folded=syscalls and --stacks on a log whose samples are known. */
class StackOutputTest {
    @TempDir
    Path dir;

    @Test
    void foldedCountsTimerSamplesPerStackRootedAtTheThreadName() throws Exception {
        CliRun run = CliRun.of("analyze", StackLogs.write(dir).toString(), "--folded");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(List.of(
                "app;main;app+0x1300 1",
                "app;main;compute 3",
                "io;[truncated];0x7fffe0001234;read 2"), run.out().lines().toList());
    }

    @Test
    void foldedSyscallsWeighsStacksAtEntryByWallMicroseconds() throws Exception {
        CliRun run = CliRun.of("analyze", StackLogs.write(dir).toString(), "--folded=syscalls");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(List.of(
                "io;io_loop:v2;read;read_[k] 4000",
                "io;main;compute;nanosleep_[k] 400"), run.out().lines().toList());
    }

    @Test
    void stacksShowEachThreadsLatestSampleAsPstackDoes() throws Exception {
        CliRun run = CliRun.of("analyze", StackLogs.write(dir).toString(), "--stacks");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(List.of(
                "Thread 200 \"app\" of process 200, at 2025-11-27 00:00:00.041000, on CPU:",
                "#0  0x0000555555555300 in ?? () from /usr/bin/app",
                "#1  0x0000555555555100 in main () from /usr/bin/app",
                "",
                "Thread 201 \"io\" of process 200, at 2025-11-27 00:00:00.091000, inside nanosleep:",
                "#0  0x0000555555555200 in compute () from /usr/bin/app",
                "#1  0x0000555555555100 in main () from /usr/bin/app",
                ""), run.out().lines().toList());
    }

    @Test
    void aTraceWithoutSamplesSaysSo() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "plain.trace").toString(), "--folded");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("tracekit: no timer stack samples to fold", run.err().strip());
    }
}
