package dev.tracekit.bench;

import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tracekit.bench.SyntheticProcess.*;

/**
 * Writes a small, whole log of the synthetic process as a recorder would: what it found at
 * attach (the process, its threads, open files, mappings), the system calls, and the threads'
 * exits. The same arguments give the same bytes, so the file can live in the repository.
 */
final class SampleLog {
    private static final int READ = Mapping.READ;
    private static final int READ_WRITE = Mapping.READ | Mapping.WRITE;
    private static final int READ_EXECUTE = Mapping.READ | Mapping.EXECUTE;

    private SampleLog() {
    }

    /** Returns how many events it wrote; the log's size is the file's. */
    static long write(Path path, int syscalls, long seed, List<String> commandLine) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("synthetic-seed", Long.toString(seed));
        options.put("synthetic-syscalls", Integer.toString(syscalls));
        // Without the flush timer, which would seal chunks by the clock: the same arguments
        // must give the same file.
        try (TraceWriter writer = TraceWriter.createReproducible(path, header(commandLine, options), TraceWriter.Options.DEFAULT)) {
            long time = START_NANOS;
            for (TraceEvent event : attachSnapshot(time)) {
                writer.write(event);
            }
            SyntheticSyscalls calls = new SyntheticSyscalls(seed, time + 50_000);
            for (int i = 0; i < syscalls; i++) {
                writer.write(calls.next());
            }
            // Workers end first, then the main thread takes the process with it.
            long end = calls.now();
            for (int i = TIDS.length - 1; i >= 0; i--) {
                end += 20_000;
                writer.write(new Exit(end, TIDS[i], 0));
            }
            writer.close();
            return writer.eventsWritten();
        }
    }

    private static List<TraceEvent> attachSnapshot(long time) {
        List<TraceEvent> events = new ArrayList<>();
        events.add(new ProcessInfo(time, PID, PPID, EXE, ARGV, CWD));
        for (int i = 0; i < TIDS.length; i++) {
            events.add(new ThreadInfo(time, TIDS[i], PID, THREAD_NAMES[i]));
        }
        events.add(new OpenFd(time, PID, 0, "/dev/pts/0"));
        events.add(new OpenFd(time, PID, 1, "pipe:[48213]"));
        events.add(new OpenFd(time, PID, 2, "/dev/pts/0"));
        events.add(new OpenFd(time, PID, 3, "/usr/share/doc"));
        ByteString exeId = ByteString.fromHex("5f0c8b2e9a41d07c36e1b84f2a9d7c6053e1f4aa");
        ByteString libcId = ByteString.fromHex("82ce4e6e4ef08fa58a3535f7437bd3e592db5ac0");
        ByteString ldId = ByteString.fromHex("38e7d4a67acf053c794b3b8094e6900b5163f37d");
        String libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";
        String ld = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
        events.add(new Mapping(time, PID, EXE_BASE, EXE_BASE + 0x4000, 0, READ, EXE, exeId));
        events.add(new Mapping(time, PID, EXE_BASE + 0x4000, EXE_BASE + 0x1_9000, 0x4000, READ_EXECUTE, EXE, exeId));
        events.add(new Mapping(time, PID, EXE_BASE + 0x1_9000, EXE_BASE + 0x2_1000, 0x1_9000, READ, EXE, exeId));
        events.add(new Mapping(time, PID, EXE_BASE + 0x2_1000, EXE_BASE + 0x2_3000, 0x2_0000, READ_WRITE, EXE, exeId));
        events.add(new Mapping(time, PID, HEAP_BASE, HEAP_BASE + 0x4_2000, 0, READ_WRITE, "[heap]", ByteString.EMPTY));
        events.add(new Mapping(time, PID, LIBC_BASE, LIBC_BASE + 0x2_8000, 0, READ, libc, libcId));
        events.add(new Mapping(time, PID, LIBC_BASE + 0x2_8000, LIBC_BASE + 0x17_d000, 0x2_8000, READ_EXECUTE, libc, libcId));
        events.add(new Mapping(time, PID, LIBC_BASE + 0x17_d000, LIBC_BASE + 0x1d_2000, 0x17_d000, READ, libc, libcId));
        events.add(new Mapping(time, PID, LIBC_BASE + 0x20_0000, LIBC_BASE + 0x22_6000, 0, READ_EXECUTE, ld, ldId));
        events.add(new Mapping(time, PID, MAIN_STACK_TOP - 0x2_1000, MAIN_STACK_TOP, 0, READ_WRITE, "[stack]", ByteString.EMPTY));
        events.add(new Mapping(time, PID, VDSO_BASE, VDSO_BASE + 0x2000, 0, READ_EXECUTE, "[vdso]", ByteString.EMPTY));
        return events;
    }
}
