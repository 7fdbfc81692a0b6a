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

    /** A chain spinning on the CPU: nearly every timer sample folds into one line ending in the chain. */
    @Test
    void foldedTimerSamplesOfASpinningChain() throws Exception {
        Detached process = started("spin");
        try {
            Path log = dir.resolve("spin.trace");
            CliRun record = CliRun.of("record", "-F", "199", "--duration", "1.5", "-o", log.toString(),
                    "-p", Integer.toString(process.pid));
            assertEquals(0, record.exitCode(), record.err());

            CliRun folded = CliRun.of("analyze", log.toString(), "--folded");
            assertEquals(0, folded.exitCode(), folded.err());
            long all = 0;
            long inChain = 0;
            for (String line : folded.out().lines().toList()) {
                long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                all += count;
                if (line.startsWith("chain-omit-fp;") && line.endsWith(CHAIN.substring(0, CHAIN.length() - 1) + " " + count)) {
                    inChain += count;
                }
            }
            // 298 due; perf samples the thread's CPU time, of which a busy machine gives it less (and
            // interrupts are delayed: 85 of 199 were seen in a second at load average 4.5).
            assertTrue(all >= 50, "samples at 199 Hz for 1.5 s: " + all);
            assertTrue(inChain * 100 >= all * 95, inChain + " of " + all + " samples in the chain:\n" + folded.out());
        } finally {
            process.kill();
        }
    }

    /**
     * A chain blocked in nanosleep: --stacks shows its thread inside the call, the chain's frames
     * by name. Attaching interrupts the sleep, which the kernel then resumes as restart_syscall
     * (strace shows the same), so that may be the call named.
     */
    @Test
    void stacksOfAThreadBlockedInTheChain() throws Exception {
        Detached process = started("sleep");
        try {
            Path log = dir.resolve("sleep.trace");
            CliRun record = CliRun.of("record", "-F", "99", "--duration", "0.5", "-o", log.toString(),
                    "-p", Integer.toString(process.pid));
            assertEquals(0, record.exitCode(), record.err());

            CliRun stacks = CliRun.of("analyze", log.toString(), "--stacks");
            assertEquals(0, stacks.exitCode(), stacks.err());
            List<String> lines = stacks.out().lines().toList();
            assertTrue(lines.get(0).matches("Thread " + process.pid + " \"chain-omit-fp\" of process " + process.pid
                    + ", at .*, inside ((clock_)?nanosleep|restart_syscall):"), lines.get(0));
            List<String> names = lines.stream().filter(line -> line.startsWith("#"))
                    .map(line -> line.replaceAll("^#\\d+ +0x[0-9a-f]{16} in (\\S+) \\(\\).*$", "$1")).toList();
            int bottom = names.indexOf("bottom");
            assertTrue(bottom >= 0, stacks.out());
            assertEquals(List.of("bottom", "chain_5", "chain_4", "chain_3", "chain_2", "chain_1", "main"),
                    names.subList(bottom, bottom + 7), stacks.out());
        } finally {
            process.kill();
        }
    }

    /** A chain that naps 5 ms again and again: nearly all of its time is nanosleep, below the chain. */
    @Test
    void syscallStacksFoldWaitingTimeUnderTheChainThatWaits() throws Exception {
        Detached process = started("naps");
        try {
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

    /** stack_chain in {@code mode}, once its chain is in place. */
    private Detached started(String mode) throws Exception {
        Path ready = dir.resolve("ready-" + mode);
        Path chain = Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
        Detached process = Detached.start(dir, List.of(chain.toString(), mode, ready.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline) {
                process.kill();
                throw new AssertionError("stack_chain " + mode + " never got its chain in place");
            }
            Thread.sleep(5);
        }
        return process;
    }
}
