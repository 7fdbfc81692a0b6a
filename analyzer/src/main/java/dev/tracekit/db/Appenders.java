package dev.tracekit.db;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;

/** One appender per streamed table, open for the length of an import. */
final class Appenders implements AutoCloseable {
    final DuckDBAppender syscalls;
    final DuckDBAppender signals;
    final DuckDBAppender samples;
    final DuckDBAppender stacks;
    final DuckDBAppender frames;
    final DuckDBAppender fds;
    final DuckDBAppender mappings;

    Appenders(DuckDBConnection connection) throws SQLException {
        syscalls = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_rows");
        signals = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals");
        samples = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
        stacks = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stacks");
        frames = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "frames");
        fds = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fds");
        mappings = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mappings");
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
        return new DuckDBAppender[] {syscalls, signals, samples, stacks, frames, fds, mappings};
    }
}
