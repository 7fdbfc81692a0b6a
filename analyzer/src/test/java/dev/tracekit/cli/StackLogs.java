package dev.tracekit.cli;

import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Module;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A log with stack samples whose folded and pstack forms are known. */
final class StackLogs {
    static final int PID = 200;
    static final int WORKER = 201;
    private static final int READ = 0;
    private static final int NANOSLEEP = 35;

    private StackLogs() {
    }

    /**
     * Thread 200 "app": 3 timer samples in main;compute, 1 in main;parse (the last). Thread 201
     * "io": 2 timer samples of a truncated stack (an unknown JIT frame under libc's read), then
     * two reads of 1500 and 2500 us and one nanosleep of 400 us, each with its stack at entry.
     */
    static Path write(Path dir) throws IOException {
        Path log = dir.resolve("stacks.trace");
        TraceHeader header = new TraceHeader("x86_64", "6.1.0", "testhost", 0, 1_764_201_600_000_000_000L, "test",
                List.of("tracekit", "record", "--", "app"), Map.of());
        Module app = new Module("/usr/bin/app", ByteString.copyOf(new byte[] {1, 2, 3}));
        Module libc = new Module("/usr/lib/x86_64-linux-gnu/libc.so.6", ByteString.copyOf(new byte[] {4, 5}));
        Frame main = new Frame(0x555555555100L, app, 0x1100, "main", 0x10);
        Frame compute = new Frame(0x555555555200L, app, 0x1200, "compute", 0x8);
        Frame parse = new Frame(0x555555555300L, app, 0x1300, null, 0);
        Frame read = new Frame(0x7ffff7e9a000L, libc, 0x11a000, "read", 0x12);
        Frame jit = new Frame(0x7fffe0001234L, null, 0, null, 0);
        Frame worker = new Frame(0x555555555400L, app, 0x1400, "io_loop;v2", 0x4);
        Stack computing = new Stack(List.of(compute, main), false);
        Stack parsing = new Stack(List.of(parse, main), false);
        Stack reading = new Stack(List.of(read, jit), true);
        Stack blocked = new Stack(List.of(read, worker), false);
        try (TraceWriter writer = TraceWriter.createReproducible(log, header, TraceWriter.Options.DEFAULT)) {
            writer.write(new ProcessInfo(0, PID, 1, "/usr/bin/app", List.of("app"), "/"));
            writer.write(new ThreadInfo(0, PID, PID, "app"));
            writer.write(new ThreadInfo(0, WORKER, PID, "io"));
            long time = 1_000_000;
            for (int i = 0; i < 3; i++) {
                writer.write(new StackSample(time += 10_000_000, PID, StackSample.Trigger.TIMER, StackSample.ON_CPU, computing));
            }
            writer.write(new StackSample(time += 10_000_000, PID, StackSample.Trigger.TIMER, StackSample.ON_CPU, parsing));
            for (int i = 0; i < 2; i++) {
                writer.write(new StackSample(time += 10_000_000, WORKER, StackSample.Trigger.TIMER, READ, reading));
            }
            for (long duration : new long[] {1_500_000, 2_500_000}) {
                time += 10_000_000;
                writer.write(new StackSample(time, WORKER, StackSample.Trigger.SYSCALL_ENTRY, READ, blocked));
                writer.write(new Syscall(time, WORKER, READ, SyscallArgs.of(3, 0x1000, 64), duration, 64, List.of()));
            }
            time += 10_000_000;
            writer.write(new StackSample(time, WORKER, StackSample.Trigger.SYSCALL_ENTRY, NANOSLEEP, computing));
            writer.write(new Syscall(time, WORKER, NANOSLEEP, SyscallArgs.of(0x2000, 0), 400_000, 0, List.of()));
        }
        return log;
    }
}
