package dev.tracekit.perf;

import dev.tracekit.ptrace.NativeBuffer;
import dev.tracekit.stack.RegisterSet;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records as the kernel lays them out, written by hand into a ring of one data page: a sample
 * that wraps around the end, a LOST record, and a sample taken after the drain's limit.
 */
class PerfRingTest {
    private static final int DATA_PAGES = 1;
    private static final int STACK = 256;
    private static final int SAMPLE_SIZE = 8 * (5 + UserRegisters.COUNT + 2) + STACK;
    private final NativeBuffer memory = new NativeBuffer((DATA_PAGES + 1) * PerfRing.PAGE);
    private final PerfRing ring = new PerfRing(memory.address(), DATA_PAGES);

    @Test
    void samplesAcrossTheEndAndLostCountsAreTakenUpToTheLimitAndTheirSpaceFreed() {
        long start = 3L * PerfRing.PAGE - 200; // the first sample wraps
        long at = start;
        at = sample(at, 42, 43, 1_000, 0x7000);
        at = lost(at, 5);
        long late = at;
        at = sample(at, 42, 44, 2_000, 0x9000);
        memory.putLong(1032, start);
        memory.putLong(1024, at);

        List<PerfSample> samples = new ArrayList<>();
        assertEquals(5, TaskClockSampler.take(ring, 1_500, samples));
        assertEquals(1, samples.size());
        PerfSample first = samples.get(0);
        assertEquals(42, first.pid());
        assertEquals(43, first.tid());
        assertEquals(1_000, first.time());
        assertEquals(0x7000, first.registers().sp());
        assertEquals(0x7000 + 8, first.registers().pc());
        assertEquals(0x7000 + 16 + RegisterSet.RBX, first.registers().get(RegisterSet.RBX), "BX, perf's second, is DWARF 3");
        assertEquals(0x7000 + 16 + RegisterSet.RDX, first.registers().get(RegisterSet.RDX), "DX, perf's fourth, is DWARF 1");
        assertEquals(0x7000 + 16 + 15, first.registers().get(RegisterSet.R15));
        assertArrayEquals(stackBytes(0x7000), first.stack(), "the stack, copied across the end of the ring");
        assertEquals(late, memory.getLong(1032), "the tail stops before the sample after the limit");

        samples.clear();
        assertEquals(0, TaskClockSampler.take(ring, Long.MAX_VALUE, samples));
        assertEquals(List.of(44), samples.stream().map(PerfSample::tid).toList());
        assertEquals(at, memory.getLong(1032));
    }

    @Test
    void aSampleWithoutUserRegistersIsSkipped() {
        long at = PerfRing.PAGE;
        put(at, header(PerfSample.TYPE, 48));
        put(at + 8, 0x1234);
        put(at + 16, 7 | 7L << 32);
        put(at + 24, 5);
        put(at + 32, 0); // PERF_SAMPLE_REGS_ABI_NONE: no registers follow
        put(at + 40, 0); // no stack either
        memory.putLong(1032, at);
        memory.putLong(1024, at + 48);

        List<PerfSample> samples = new ArrayList<>();
        TaskClockSampler.take(ring, Long.MAX_VALUE, samples);
        assertEquals(List.of(), samples);
        assertEquals(at + 48, memory.getLong(1032));
    }

    /** A sample whose registers are {@code sp} + 16 + DWARF number, except SP and IP, and whose stack bytes count from {@code sp}. */
    private long sample(long at, int pid, int tid, long time, long sp) {
        put(at, header(PerfSample.TYPE, SAMPLE_SIZE));
        put(at + 8, sp + 8);
        put(at + 16, pid | (long) tid << 32);
        put(at + 24, time);
        put(at + 32, 2); // PERF_SAMPLE_REGS_ABI_64
        int[] dwarfInPerfOrder = {0, 3, 2, 1, 4, 5, 6, 7, 16, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < dwarfInPerfOrder.length; i++) {
            int dwarf = dwarfInPerfOrder[i];
            put(at + 40 + 8L * i, dwarf == RegisterSet.RSP ? sp : dwarf == RegisterSet.RIP ? sp + 8 : sp + 16 + dwarf);
        }
        long stackAt = at + 40 + 8L * UserRegisters.COUNT;
        put(stackAt, STACK);
        byte[] bytes = stackBytes(sp);
        for (int i = 0; i < STACK; i += 8) {
            put(stackAt + 8 + i, ByteBuffer.wrap(bytes, i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
        put(stackAt + 8 + STACK, STACK); // all of it copied
        return at + SAMPLE_SIZE;
    }

    private long lost(long at, long count) {
        put(at, header(TaskClockSampler.LOST, 24));
        put(at + 8, 0);
        put(at + 16, count);
        return at + 24;
    }

    private static byte[] stackBytes(long sp) {
        byte[] bytes = new byte[STACK];
        for (int i = 0; i < STACK; i++) {
            bytes[i] = (byte) (sp + i);
        }
        return bytes;
    }

    private static long header(int type, int size) {
        return type | (long) size << 48;
    }

    private void put(long position, long word) {
        memory.putLong(PerfRing.PAGE + (position & (DATA_PAGES * PerfRing.PAGE - 1)), word);
    }
}
