package dev.tracekit.cli;

import dev.tracekit.record.Detached;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tracekit record's stacks as the analyzer shows them, from a real recording. Uses real ptrace. */
class SampledRecordingTest {
    private static final String CHAIN = ";main;chain_1;chain_2;chain_3;chain_4;chain_5;bottom;";

    @TempDir
    Path dir;

    /** A chain that naps 5 ms again and again: nearly all of its time is nanosleep, below the chain. */
    @Test
    void syscallStacksFoldWaitingTimeUnderTheChainThatWaits() throws Exception {
        Path ready = dir.resolve("ready");
        Path chain = Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
        Detached process = Detached.start(dir, List.of(chain.toString(), "naps", ready.toString()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Path log = dir.resolve("naps.trace");
            long started = System.nanoTime();
            CliRun record = CliRun.of("record", "--syscall-stacks", "--duration", "1", "-o", log.toString(),
                    "-p", Integer.toString(process.pid));
            long recordedMicros = (System.nanoTime() - started) / 1000;
            assertEquals(0, record.exitCode(), record.err());

            CliRun folded = CliRun.of("analyze", log.toString(), "--folded=syscalls");
            assertEquals(0, folded.exitCode(), folded.err());
            List<String> sleeps = folded.out().lines()
                    .filter(line -> line.contains(CHAIN) && line.matches(".*;(clock_)?nanosleep_\\[k] \\d+")).toList();
            assertEquals(1, sleeps.size(), folded.out());
            long weight = Long.parseLong(sleeps.get(0).substring(sleeps.get(0).lastIndexOf(' ') + 1));
            assertTrue(weight >= 600_000 && weight <= recordedMicros, weight + " us asleep of " + recordedMicros + ":\n" + folded.out());
        } finally {
            process.kill();
        }
    }
}
