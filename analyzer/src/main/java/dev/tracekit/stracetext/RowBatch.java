package dev.tracekit.stracetext;

import dev.tracekit.db.Appenders;
import org.duckdb.DuckDBAppender;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a trace on their way to DuckDB: filled on the parsing thread, appended on the importing
 * one, so the appending thread does nothing but append. Calls, nearly every row, are kept in
 * columns with their text already UTF-8 bytes; the few rows of the other tables as values.
 */
final class RowBatch {
    /** Rows of syscall_rows in a batch before it is handed over. */
    static final int CAPACITY = 4096;
    /** The duration of a call that has none (it never returned, or -T was not given). */
    static final long NO_DURATION = -1;
    /** The split point of a call strace printed on one line. */
    static final int NOT_SPLIT = -1;
    /** The resumed time of a call not split, or never resumed. */
    static final long NOT_RESUMED = Long.MIN_VALUE;

    /** A row of a table other than syscall_rows. */
    interface TableRow {
        void appendTo(Appenders tables, int traceId) throws SQLException;
    }

    final int[] tids = new int[CAPACITY];
    final long[] times = new long[CAPACITY];
    final long[] durations = new long[CAPACITY];
    final int[] numbers = new int[CAPACITY];
    final byte[][] args = new byte[CAPACITY][];
    final boolean[] returned = new boolean[CAPACITY];
    final long[] rets = new long[CAPACITY];
    final byte[][] results = new byte[CAPACITY][];
    final int[] splitAts = new int[CAPACITY];
    final long[] resumedTimes = new long[CAPACITY];
    int calls;
    final List<TableRow> others = new ArrayList<>();
    /** The bytes of input read up to the end of this batch, for progress. */
    long bytesRead;

    boolean isFull() {
        return calls == CAPACITY || others.size() >= CAPACITY;
    }

    /** Appends every row; the calls column by column of each row, with no work left but the appender's. */
    void appendTo(Appenders tables, int traceId) throws SQLException {
        DuckDBAppender syscalls = tables.syscalls;
        for (int i = 0; i < calls; i++) {
            syscalls.beginRow().append(traceId).append(tids[i]).appendEpochNanos(times[i]);
            if (durations[i] == NO_DURATION) {
                syscalls.appendNull();
            } else {
                syscalls.append(durations[i]);
            }
            syscalls.append(numbers[i]).append(args[i]);
            if (returned[i]) {
                syscalls.append(rets[i]);
            } else {
                syscalls.appendNull();
            }
            syscalls.append(results[i]);
            if (splitAts[i] == NOT_SPLIT) {
                syscalls.appendNull();
            } else {
                syscalls.append(splitAts[i]);
            }
            if (resumedTimes[i] == NOT_RESUMED) {
                syscalls.appendNull();
            } else {
                syscalls.appendEpochNanos(resumedTimes[i]);
            }
            syscalls.endRow();
        }
        for (TableRow row : others) {
            row.appendTo(tables, traceId);
        }
    }
}
