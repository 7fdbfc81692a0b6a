package dev.tracekit.stracetext;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;

/** The appenders strace text streams into, open for the length of an import, used by the importing thread only. */
final class Tables implements AutoCloseable {
    final DuckDBAppender syscalls;
    final DuckDBAppender signals;
    final DuckDBAppender samples;
    final DuckDBAppender stacks;
    final DuckDBAppender frames;
    final DuckDBAppender errors;
    final DuckDBAppender fds;

    Tables(DuckDBConnection connection) throws SQLException {
        syscalls = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_rows");
        signals = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals");
        samples = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
        stacks = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stacks");
        frames = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "frames");
        errors = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "import_errors");
        fds = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fds");
    }

    void flush() throws SQLException {
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
        return new DuckDBAppender[] {syscalls, signals, samples, stacks, frames, errors, fds};
    }
}
