package dev.tracekit.db;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import org.duckdb.DuckDBAppender;

import java.sql.SQLException;

/**
 * Appends calls to {@code syscall_rows}, the table behind the {@code syscalls} view: per call
 * only what cannot be derived. The result text is kept only where the renderer's differs from
 * what the view derives from the return value, as it does for nearly every call.
 */
final class SyscallRows {
    private final DuckDBAppender appender;
    private final int traceId;

    SyscallRows(DuckDBAppender appender, int traceId) {
        this.appender = appender;
        this.traceId = traceId;
    }

    void returned(Syscall call, long wall, String args, String result) throws SQLException {
        appender.beginRow().append(traceId).append(call.tid()).appendEpochNanos(wall).append(call.duration())
                .append(call.number()).append(args).append(call.result()).append(isDerived(result, call) ? null : result)
                .appendNull().appendNull().endRow();
    }

    void unfinished(SyscallEntry call, long wall, String args) throws SQLException {
        appender.beginRow().append(traceId).append(call.tid()).appendEpochNanos(wall).appendNull()
                .append(call.number()).append(args).appendNull().appendNull()
                .appendNull().appendNull().endRow();
    }

    /** The view's result: {@code -1 ENOENT (No such file or directory)} for a failure, else the decimal value. */
    private static boolean isDerived(String result, Syscall call) {
        return result.equals(call.failed() ? "-1 " + Errno.describe(call.errno()) : Long.toString(call.result()));
    }
}
