package dev.tracekit.cli;

import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Logs with known contents, so summaries can be checked to the nanosecond. */
final class TestLogs {
    static final int PID = 100;
    static final int WORKER = 101;
    private static final int READ = 0;
    private static final int OPENAT = 257;
    private static final int EXIT_GROUP = 231;

    private TestLogs() {
    }

    /**
     * Process 100 with threads 100 and 101. Thread 100: reads lasting 1..100 us and an
     * exit_group that never returns. Thread 101: ten openat, three failing with ENOENT (2).
     */
    static Path known(Path dir, String name) throws IOException {
        Path log = dir.resolve(name);
        TraceHeader header = new TraceHeader("x86_64", "6.1.0", "testhost", 0, 1_764_201_600_000_000_000L, "test",
                List.of("tracekit", "record", "--", "demo"), Map.of());
        try (TraceWriter writer = TraceWriter.createReproducible(log, header, TraceWriter.Options.DEFAULT)) {
            writer.write(new ProcessInfo(0, PID, 1, "/usr/bin/demo", List.of("demo"), "/"));
            writer.write(new ThreadInfo(0, PID, PID, "demo"));
            writer.write(new ChildCreated(10, PID, WORKER, ChildCreated.Kind.THREAD));
            long time = 1_000;
            for (int i = 1; i <= 100; i++) {
                writer.write(new Syscall(time, PID, READ, SyscallArgs.of(3, 0x7ffc0000, 64), i * 1000L, 8, List.of()));
                time += 200_000;
            }
            byte[] path = "/etc/passwd".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) {
                long result = i < 3 ? -2 : 3 + i;
                writer.write(new Syscall(time, WORKER, OPENAT, SyscallArgs.of(-100, 0x5000, 0), 5_000, result,
                        List.of(new Capture(Capture.Phase.ENTRY, 0x5000, path.length, ByteString.copyOf(path)))));
                time += 10_000;
            }
            writer.write(new Exit(time, WORKER, 0));
            writer.write(new SyscallEntry(time + 1, PID, EXIT_GROUP, SyscallArgs.of(0), List.of()));
            writer.write(new Exit(time + 2, PID, 0));
        }
        return log;
    }
}
