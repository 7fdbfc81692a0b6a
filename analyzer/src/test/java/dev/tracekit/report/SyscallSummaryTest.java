package dev.tracekit.report;

import dev.tracekit.db.Database;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Summaries over databases holding two traces, numbered alike or not. */
class SyscallSummaryTest {

    @Test
    void tracesThatNumberSyscallsAlikeShareOneRowPerSyscall() throws SQLException {
        try (Database database = Database.open(null)) {
            twoTraces(database, "read", "read");
            List<SyscallSummary.Row> rows = SyscallSummary.compute(database.connection(), SyscallSummary.By.syscall);
            assertEquals(1, rows.size());
            SyscallSummary.Row read = rows.get(0);
            assertEquals("read", read.syscall());
            assertEquals(6, read.calls());
            assertEquals(1, read.errors());
            assertEquals(1_000, read.minNs());
            assertEquals(3_000, read.p50Ns(), "the median of both traces' calls, not of either");
            assertEquals(60_000, read.maxNs());
            assertEquals(1L, read.errnos().get("EINTR"));
        }
    }

    @Test
    void aNumberThatNamesDifferentSyscallsInTwoTracesGivesTwoRows() throws SQLException {
        try (Database database = Database.open(null)) {
            twoTraces(database, "read", "io_setup");
            List<SyscallSummary.Row> rows = SyscallSummary.compute(database.connection(), SyscallSummary.By.syscall);
            assertEquals(List.of("io_setup", "read"), rows.stream().map(SyscallSummary.Row::syscall).toList(),
                    "sorted by total time");
            assertEquals(3, rows.get(0).calls());
            assertEquals(150_000, rows.get(0).totalNs());
            assertEquals(1L, rows.get(0).errnos().get("EINTR"));
            assertEquals(6_000, rows.get(1).totalNs());
        }
    }

    /** Trace 1: calls of 1, 2 and 3 us numbered 0; trace 2: of 40, 50 and 60 us (one failing with EINTR), numbered 0 too. */
    private static void twoTraces(Database database, String firstName, String secondName) throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("INSERT INTO syscall_names VALUES (1, 0, '" + firstName + "'), (2, 0, '" + secondName + "')");
            statement.execute("""
                    INSERT INTO syscall_rows (trace_id, tid, ts, duration_ns, nr, args, ret, result_text) VALUES
                        (1, 10, TIMESTAMP_NS '2026-11-27 10:00:00', 1000, 0, '3, "a", 1', 1, NULL),
                        (1, 10, TIMESTAMP_NS '2026-11-27 10:00:01', 2000, 0, '3, "a", 1', 1, NULL),
                        (1, 10, TIMESTAMP_NS '2026-11-27 10:00:02', 3000, 0, '3, "a", 1', 1, NULL),
                        (2, 20, TIMESTAMP_NS '2026-11-27 11:00:00', 40000, 0, '', 0, NULL),
                        (2, 20, TIMESTAMP_NS '2026-11-27 11:00:01', 50000, 0, '', -4, NULL),
                        (2, 20, TIMESTAMP_NS '2026-11-27 11:00:02', 60000, 0, '', 0, NULL)""");
        }
    }
}
