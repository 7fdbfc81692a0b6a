package dev.tracekit.bench;

import dev.tracekit.trace.event.TraceHeader;

import java.util.List;
import java.util.Map;

/**
 * The imaginary process the synthetic stream comes from: a small document archiver with a main
 * thread and three workers, and the address-space layout its pointers fall in (a PIE binary's
 * heap near 0x55..., libraries near 0x7f..., the main stack near 0x7ffc...). Fixed values, so
 * that a sample log is the same bytes on every machine.
 */
final class SyntheticProcess {
    static final int PID = 4242;
    static final int PPID = 4201;
    static final String EXE = "/usr/local/bin/doc-archiver";
    static final List<String> ARGV = List.of("doc-archiver", "--out", "-", "/usr/share/doc");
    static final String CWD = "/tmp";

    static final int[] TIDS = {4242, 4243, 4244, 4245};
    static final String[] THREAD_NAMES = {"doc-archiver", "reader-1", "reader-2", "writer"};
    /** The main thread makes most calls, as in most programs with a few helpers. */
    static final double[] THREAD_SHARES = {0.55, 0.15, 0.15, 0.15};

    static final long EXE_BASE = 0x55a1_1ad9_4000L;
    static final long HEAP_BASE = 0x55a1_1c7c_d000L;
    static final long LIBC_BASE = 0x7f2b_bfa5_0000L;
    /** Non-main threads' stacks are mappings below the libraries, 8 MiB apart. */
    static final long THREAD_STACKS_TOP = 0x7f2b_bf7f_f000L;
    static final long MAIN_STACK_TOP = 0x7ffc_d5e0_2000L;
    static final long VDSO_BASE = 0x7ffc_d5f2_e000L;

    /** CLOCK_MONOTONIC at the first event: the machine has been up for about a day. */
    static final long START_NANOS = 86_412_345_678_900L;
    /** 2026-11-27T09:00:00Z, the wall time at {@link #START_NANOS}. */
    static final long START_WALL_NANOS = 1_795_770_000_000_000_000L;

    private SyntheticProcess() {
    }

    /** A stack address in thread {@code index}'s frames, where stat buffers and paths live. */
    static long stackAddress(int index, int offset) {
        long top = index == 0 ? MAIN_STACK_TOP : THREAD_STACKS_TOP - (long) (index - 1) * (8 << 20);
        return top - 0x1500 - offset;
    }

    static TraceHeader header(List<String> commandLine, Map<String, String> options) {
        return new TraceHeader("x86_64", "6.1.0-28-amd64", "synthetic", START_NANOS, START_WALL_NANOS,
                "bench-synthetic", commandLine, options);
    }
}
