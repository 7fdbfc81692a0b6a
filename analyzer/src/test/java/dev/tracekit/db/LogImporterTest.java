package dev.tracekit.db;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogImporterTest {
    private static final int PID = 200;
    private static final int THREAD = 201;

    @TempDir
    Path dir;

    @Test
    void theSyscallsViewShowsWhatTheRendererPrinted() throws Exception {
        Path log = log(dir.resolve("a.trace"));
        LogImporter.ArgumentText annotating = new PlainText() {
            @Override
            public String result(TraceHeader header, Syscall call) {
                return call.number() == 257 && !call.failed() ? call.result() + "</etc/passwd>" : super.result(header, call);
            }
        };
        try (Database database = Database.open(dir.resolve("a.duckdb"))) {
            new LogImporter(database.connection(), annotating).importLog(log, 1, done -> { });
            assertEquals(List.of(
                            "201|200|read|8|8|null|true|0",
                            "201|200|openat|-2|-1 ENOENT (No such file or directory)|ENOENT|true|0",
                            "201|200|openat|3|3</etc/passwd>|null|true|0",
                            "201|200|syscall_0x3e7|0|0|null|true|0",
                            "200|200|exit_group|null|?|null|false|null"),
                    rows(database, "SELECT tid, pid, name, ret, result, errno, complete, duration_ns FROM syscalls ORDER BY ts"));
            assertEquals(List.of("1"), rows(database, "SELECT count(*) FROM syscall_rows WHERE result_text IS NOT NULL"));
        }
    }

    @Test
    void aLogThatCannotBeReadLeavesNothingBehind() throws Exception {
        Path log = dir.resolve("a.trace");
        TraceHeader header = header();
        try (TraceWriter writer = TraceWriter.createReproducible(log, header, new TraceWriter.Options(1024, 0))) {
            writer.write(new ThreadInfo(0, PID, PID, "demo"));
            for (int i = 0; i < 10_000; i++) {
                writer.write(new Syscall(i * 1000L, PID, 0, SyscallArgs.of(3, 0x1000, 8), 500, 8, List.of()));
            }
        }
        byte[] bytes = Files.readAllBytes(log);
        bytes[bytes.length - 100] ^= 0x40;
        Files.write(log, bytes);
        try (Database database = Database.open(dir.resolve("a.duckdb"))) {
            assertThrows(IOException.class,
                    () -> new LogImporter(database.connection(), new PlainText()).importLog(log, 1, done -> { }));
            assertEquals(List.of("0|0|0"), rows(database,
                    "SELECT (SELECT count(*) FROM traces), (SELECT count(*) FROM syscall_rows), (SELECT count(*) FROM threads)"));
        }
    }

    /** Thread 201 of process 200 makes the calls, then execs: it becomes 200, whose exit_group never returns. */
    private static Path log(Path file) throws IOException {
        try (TraceWriter writer = TraceWriter.createReproducible(file, header(), TraceWriter.Options.DEFAULT)) {
            writer.write(new ProcessInfo(0, PID, 1, "/usr/bin/demo", List.of("demo"), "/"));
            writer.write(new ThreadInfo(0, PID, PID, "demo"));
            writer.write(new ThreadInfo(0, THREAD, PID, "worker"));
            writer.write(new Syscall(100, THREAD, 0, SyscallArgs.of(3, 0x1000, 8), 0, 8, List.of()));
            writer.write(new Syscall(200, THREAD, 257, SyscallArgs.of(-100, 0x2000, 0), 0, -2, List.of()));
            writer.write(new Syscall(300, THREAD, 257, SyscallArgs.of(-100, 0x2000, 0), 0, 3, List.of()));
            writer.write(new Syscall(400, THREAD, 999, SyscallArgs.NONE, 0, 0, List.of()));
            writer.write(new Exec(500, PID, THREAD));
            writer.write(new SyscallEntry(600, PID, 231, SyscallArgs.of(0), List.of()));
        }
        return file;
    }

    /** Arguments as registers, results as strace prints them when nothing more is known. */
    private static class PlainText implements LogImporter.ArgumentText {
        @Override
        public String arguments(TraceHeader header, Syscall call) {
            return call.args().toString();
        }

        @Override
        public String unfinishedArguments(TraceHeader header, SyscallEntry call) {
            return call.args().toString();
        }

        @Override
        public String result(TraceHeader header, Syscall call) {
            return call.failed() ? "-1 " + Errno.describe(call.errno()) : Long.toString(call.result());
        }

        @Override
        public String siginfo(SignalDelivery signal) {
            return "{si_signo=" + signal.signal() + "}";
        }
    }

    private static TraceHeader header() {
        return new TraceHeader("x86_64", "6.1.0", "testhost", 0, 1_764_201_600_000_000_000L, "test",
                List.of("tracekit", "record", "--", "demo"), Map.of());
    }

    private static List<String> rows(Database database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = String.valueOf(result.getObject(i + 1));
                }
                rows.add(String.join("|", Arrays.asList(row)));
            }
        }
        return rows;
    }
}
