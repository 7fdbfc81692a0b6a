package dev.tracekit.db;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the processes and threads an import gathered, once it has read everything: a row
 * changes until the end (a thread's process, a process's exit), and there are few of them.
 */
public final class ProcessTables {
    private ProcessTables() {
    }

    /** {@code processes} by pid, in the order their rows are to be written. */
    public static void write(DuckDBConnection connection, int traceId, Map<Integer, ProcessRow> processes,
                             Collection<ThreadRow> threads) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "processes")) {
            for (Map.Entry<Integer, ProcessRow> entry : processes.entrySet()) {
                ProcessRow p = entry.getValue();
                appender.beginRow().append(traceId).append(entry.getKey().intValue()).append(p.ppid).append(p.exe);
                if (p.argv == null) {
                    appender.appendNull();
                } else {
                    appender.append(p.argv);
                }
                appender.append(p.cwd);
                nanos(appender, p.started);
                nanos(appender, p.ended);
                appender.append(p.exitCode).append(p.termSignal).append(p.coreDumped).endRow();
            }
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "threads")) {
            for (ThreadRow t : threads) {
                appender.beginRow().append(traceId).append(t.tid).append(t.pid).append(t.name);
                nanos(appender, t.started);
                nanos(appender, t.ended);
                appender.append(t.exitCode).append(t.termSignal).endRow();
            }
        }
    }

    /** A wall-clock time, or NULL. */
    static void nanos(DuckDBAppender appender, Long wall) throws SQLException {
        if (wall == null) {
            appender.appendNull();
        } else {
            appender.appendEpochNanos(wall);
        }
    }
}
