package dev.tracekit.db;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;

/**
 * One appender per streamed table, open for the length of an import, used by the importing
 * thread only: a log's import and strace text's (which has no mappings, and logs no import
 * errors or -c tables) both stream through these.
 */
public final class Appenders implements AutoCloseable {
    public final DuckDBAppender syscalls;
    public final DuckDBAppender signals;
    public final DuckDBAppender samples;
    public final DuckDBAppender stacks;
    public final DuckDBAppender frames;
    public final DuckDBAppender fds;
    public final DuckDBAppender mappings;
    public final DuckDBAppender importErrors;
    public final DuckDBAppender straceCounts;

    public Appenders(DuckDBConnection connection) throws SQLException {
        syscalls = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_rows");
        signals = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals");
        samples = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
        stacks = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stacks");
        frames = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "frames");
        fds = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fds");
        mappings = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mappings");
        importErrors = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "import_errors");
        straceCounts = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "strace_counts");
    }

    public void flush() throws SQLException {
        for (DuckDBAppender appender : all()) {
            appender.flush();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (DuckDBAppender appender : all()) {
            try {
                appender.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private DuckDBAppender[] all() {
        return new DuckDBAppender[] {syscalls, signals, samples, stacks, frames, fds, mappings, importErrors,
            straceCounts};
    }
}
