package dev.tracekit.perf;

import dev.tracekit.stack.RegisterSet;

/**
 * One PERF_RECORD_SAMPLE of a thread in user mode: what the kernel copied at the timer
 * interrupt, enough to unwind the thread's stack as it was then.
 *
 * @param time  CLOCK_MONOTONIC nanoseconds, the clock of System.nanoTime
 * @param stack the top of the user stack, from the stack pointer up; shorter than asked when
 *              the stack ends (or an unmapped page comes) first
 */
public record PerfSample(int pid, int tid, long time, RegisterSet registers, byte[] stack) {
    static final int TYPE = 9;
    private static final int PID_TID = 16;
    private static final int TIME = 24;
    private static final int ABI = 32;
    private static final int REGISTERS = 40;
    /** PERF_SAMPLE_REGS_ABI_NONE: no user registers (a kernel thread); such a sample cannot be unwound. */
    private static final long ABI_NONE = 0;

    /** The time of the sample at {@code position}, read without copying the rest. */
    static long time(PerfRing ring, long position) {
        return ring.word(position + TIME);
    }

    /**
     * The sample at {@code position} of {@code ring}, laid out as {@link EventAttr#SAMPLE_TYPE}
     * makes it: header, ip, pid and tid, time, the registers' ABI and values, then the stack's
     * size, bytes and dynamic size. Null when it has no user registers or does not fit its
     * record's {@code size}.
     */
    static PerfSample read(PerfRing ring, long position, int size) {
        long pidTid = ring.word(position + PID_TID);
        long time = time(ring, position);
        if (ring.word(position + ABI) == ABI_NONE) {
            return null;
        }
        RegisterSet registers = UserRegisters.read(ring, position + REGISTERS);
        long stackAt = position + REGISTERS + 8L * UserRegisters.COUNT;
        long stackSize = ring.word(stackAt);
        if (stackSize < 0 || stackAt + 8 + stackSize + (stackSize > 0 ? 8 : 0) > position + size) {
            return null;
        }
        byte[] stack = new byte[0];
        if (stackSize > 0) {
            // dyn_size, after the bytes: how many of them the kernel could copy.
            long copied = Math.max(0, Math.min(ring.word(stackAt + 8 + stackSize), stackSize));
            stack = new byte[(int) copied];
            ring.copy(stackAt + 8, stack, stack.length);
        }
        return new PerfSample((int) pidTid, (int) (pidTid >>> 32), time, registers, stack);
    }
}
