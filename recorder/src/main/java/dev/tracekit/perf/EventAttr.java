package dev.tracekit.perf;

import dev.tracekit.ptrace.NativeBuffer;

/**
 * The perf_event_attr of our samples (include/uapi/linux/perf_event.h, the 112-byte layout of
 * PERF_ATTR_SIZE_VER5, Linux 4.1): a software clock event of one thread that, every period of
 * that thread's time on a CPU, records its user registers and the top of its user stack.
 */
final class EventAttr {
    static final int TYPE_SOFTWARE = 1;
    static final long TASK_CLOCK = 1;
    /** Counts nothing: holds a CPU's ring buffer, into which the events of every thread write. */
    static final long DUMMY = 9;
    static final long SAMPLE_IP = 1;
    static final long SAMPLE_TID = 1 << 1;
    static final long SAMPLE_TIME = 1 << 2;
    static final long SAMPLE_REGS_USER = 1 << 12;
    static final long SAMPLE_STACK_USER = 1 << 13;
    static final long SAMPLE_TYPE = SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME | SAMPLE_REGS_USER | SAMPLE_STACK_USER;
    private static final int SIZE = 112;
    /**
     * Only user mode is sampled: a thread inside a system call is sampled by the tracer from
     * the registers it entered the call with, and must not be counted twice. It also keeps the
     * event allowed at kernel.perf_event_paranoid 2, the usual default.
     */
    private static final long EXCLUDE_KERNEL = 1 << 5;
    private static final long EXCLUDE_HV = 1 << 6;
    /** Sample times on {@link #CLOCK_MONOTONIC}, the clock of System.nanoTime and of the log. */
    private static final long USE_CLOCKID = 1 << 25;
    private static final int CLOCK_MONOTONIC = 1;

    private EventAttr() {
    }

    /** Samples every {@code periodNanos} of the thread's CPU time, copying {@code stackBytes} of its stack. */
    static NativeBuffer taskClock(long periodNanos, int stackBytes) {
        return attr(TASK_CLOCK, periodNanos, stackBytes);
    }

    /** A ring's holder: the same sample format and clock, which the kernel requires of events sharing it. */
    static NativeBuffer dummy(int stackBytes) {
        return attr(DUMMY, 1, stackBytes);
    }

    private static NativeBuffer attr(long config, long period, int stackBytes) {
        NativeBuffer attr = new NativeBuffer(SIZE);
        attr.putInt(0, TYPE_SOFTWARE);
        attr.putInt(4, SIZE);
        attr.putLong(8, config);
        attr.putLong(16, period);
        attr.putLong(24, SAMPLE_TYPE);
        attr.putLong(40, EXCLUDE_KERNEL | EXCLUDE_HV | USE_CLOCKID);
        attr.putLong(80, UserRegisters.MASK);
        attr.putInt(88, stackBytes);
        attr.putInt(92, CLOCK_MONOTONIC);
        return attr;
    }
}
