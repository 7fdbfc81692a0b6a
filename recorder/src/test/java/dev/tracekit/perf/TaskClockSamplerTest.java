package dev.tracekit.perf;

import dev.tracekit.record.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's samples of a real spinning thread. Needs perf_event_open: CI runs as root, which
 * has it whatever kernel.perf_event_paranoid says; without it the test fails with the reason.
 */
class TaskClockSamplerTest {
    private static final int HZ = 199;
    private static final long CLOCK_TICKS = 100; // USER_HZ: /proc/PID/stat's unit of CPU time

    @TempDir
    Path dir;
    private Process spinner;

    @AfterEach
    void kill() {
        if (spinner != null) {
            spinner.destroyForcibly();
        }
    }

    @Test
    void aSpinningThreadIsSampledAtTheRateOfItsCpuTimeWithItsStack() throws Exception {
        int pid = spin();
        List<PerfSample> samples = new ArrayList<>();
        long cpuBefore;
        long cpuAfter;
        long started;
        long ended;
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 32 * 1024)) {
            started = System.nanoTime();
            cpuBefore = cpuTicks(pid);
            assertTrue(sampler.follow(pid), sampler.refusal());
            // until the spinner has had 0.4 s of CPU, however busy the machine is (within 10 s)
            long deadline = started + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && cpuTicks(pid) - cpuBefore < CLOCK_TICKS * 2 / 5) {
                LockSupport.parkNanos(sampler.drainPeriodNanos());
                sampler.drain(Long.MAX_VALUE, samples::add);
            }
            sampler.unfollow(pid);
            cpuAfter = cpuTicks(pid);
            ended = System.nanoTime();
            sampler.drain(Long.MAX_VALUE, samples::add);
            assertEquals(0, sampler.lost());
        }
        double expected = (cpuAfter - cpuBefore) * HZ / (double) CLOCK_TICKS;
        assertTrue(expected >= 20, "the spinner had too little CPU to judge: " + (cpuAfter - cpuBefore) + " ticks");
        assertTrue(samples.size() >= expected * 0.8 && samples.size() <= expected * 1.2 + 3,
                samples.size() + " samples for " + (cpuAfter - cpuBefore) + " ticks of CPU at " + HZ + " Hz");
        String maps = Files.readString(Path.of("/proc", Integer.toString(pid), "maps"));
        for (PerfSample sample : samples) {
            assertEquals(pid, sample.pid());
            assertEquals(pid, sample.tid());
            assertTrue(sample.time() >= started && sample.time() <= ended, "a CLOCK_MONOTONIC time, as System.nanoTime's");
            assertTrue(mappingOf(maps, sample.registers().pc()).endsWith("chain-omit-fp"), "spinning in the chain's code");
            assertTrue(mappingOf(maps, sample.registers().sp()).endsWith("[stack]"));
            assertTrue(sample.stack().length >= 64 && sample.stack().length <= 32 * 1024, sample.stack().length + " stack bytes");
        }
    }

    @Test
    void followingAndLettingGoManyTimesLeavesNoDescriptorBehind() throws Exception {
        int pid = spin();
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 32 * 1024)) {
            long before = openDescriptors();
            for (int i = 0; i < 500; i++) {
                assertTrue(sampler.follow(pid), sampler.refusal());
                sampler.unfollow(pid);
            }
            assertEquals(0, sampler.following());
            assertEquals(before, openDescriptors());
        }
    }

    @Test
    void aThreadThatIsGoneIsNotFollowedNorCountedAsRefused() throws Exception {
        try (TaskClockSampler sampler = TaskClockSampler.open(HZ, 32 * 1024)) {
            assertFalse(sampler.follow(Integer.MAX_VALUE - 1));
            assertEquals(0, sampler.refusedThreads());
            assertEquals(0, sampler.following());
        }
    }

    @Test
    void closingUnmapsTheRingsAndClosesEveryEvent() throws Exception {
        int pid = spin();
        long descriptors = openDescriptors();
        long mappings = perfMappings();
        TaskClockSampler sampler = TaskClockSampler.open(HZ, 32 * 1024);
        assertTrue(sampler.follow(pid), sampler.refusal());
        assertTrue(perfMappings() > mappings);
        sampler.close();
        assertEquals(descriptors, openDescriptors());
        assertEquals(mappings, perfMappings());
    }

    /** samples/c/stack_chain.c spinning in its chain; its pid once the chain is in place. */
    private int spin() throws Exception {
        Path chain = Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
        Path ready = dir.resolve("ready");
        spinner = new ProcessBuilder(chain.toString(), "spin", ready.toString()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(ready)) {
            assertTrue(System.nanoTime() < deadline, "stack_chain never got its chain in place");
            Thread.sleep(5);
        }
        return (int) spinner.pid();
    }

    private static long cpuTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static String mappingOf(String maps, long address) {
        for (String line : maps.split("\n")) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.compareUnsigned(address, Long.parseUnsignedLong(range[0], 16)) >= 0
                    && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0) {
                return line.strip();
            }
        }
        return "unmapped " + Long.toHexString(address);
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
