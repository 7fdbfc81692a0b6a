package dev.tracekit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables every input becomes, a tracekit log or strace text alike; docs/schema.md
 * describes each column. Times are wall clock ({@code TIMESTAMP_NS}), durations nanoseconds.
 * Every row carries the {@code trace_id} of the input it came from, so one database holds many.
 */
public final class Schema {
    public static final int VERSION = 1;

    private static final List<String> TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS traces (
                trace_id INTEGER PRIMARY KEY, trace_uid VARCHAR NOT NULL, source VARCHAR NOT NULL,
                file VARCHAR NOT NULL, file_size BIGINT, host VARCHAR, arch VARCHAR, kernel VARCHAR,
                recorder_version VARCHAR, command_line VARCHAR, started TIMESTAMP_NS,
                events BIGINT, complete BOOLEAN, note VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS processes (
                trace_id INTEGER NOT NULL, pid INTEGER NOT NULL, ppid INTEGER, exe VARCHAR, argv VARCHAR[],
                cwd VARCHAR, started TIMESTAMP_NS, ended TIMESTAMP_NS, exit_code INTEGER, term_signal VARCHAR,
                core_dumped BOOLEAN)""", """
            CREATE TABLE IF NOT EXISTS threads (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER, name VARCHAR,
                started TIMESTAMP_NS, ended TIMESTAMP_NS)""", """
            CREATE TABLE IF NOT EXISTS syscalls (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER, ts TIMESTAMP_NS NOT NULL,
                duration_ns BIGINT, nr INTEGER, name VARCHAR NOT NULL, args VARCHAR, ret BIGINT,
                result VARCHAR, errno VARCHAR, complete BOOLEAN NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS signals (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER, ts TIMESTAMP_NS NOT NULL,
                signo INTEGER, signal VARCHAR, code INTEGER, sender_pid INTEGER, sender_uid BIGINT)""", """
            CREATE TABLE IF NOT EXISTS samples (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER, ts TIMESTAMP_NS NOT NULL,
                stack_id BIGINT, on_cpu BOOLEAN, syscall VARCHAR, trigger VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS stacks (
                trace_id INTEGER NOT NULL, stack_id BIGINT NOT NULL, depth INTEGER NOT NULL,
                frame_id BIGINT NOT NULL, truncated BOOLEAN)""", """
            CREATE TABLE IF NOT EXISTS frames (
                trace_id INTEGER NOT NULL, frame_id BIGINT NOT NULL, pc UBIGINT, module VARCHAR,
                build_id VARCHAR, file_offset UBIGINT, symbol VARCHAR, symbol_offset BIGINT)""", """
            CREATE TABLE IF NOT EXISTS mappings (
                trace_id INTEGER NOT NULL, pid INTEGER NOT NULL, start_address UBIGINT, end_address UBIGINT,
                file_offset UBIGINT, permissions VARCHAR, path VARCHAR, build_id VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS fds (
                trace_id INTEGER NOT NULL, pid INTEGER NOT NULL, fd INTEGER NOT NULL, path VARCHAR,
                opened TIMESTAMP_NS, closed TIMESTAMP_NS, opened_by VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS import_errors (
                trace_id INTEGER NOT NULL, file VARCHAR, line_number BIGINT, line VARCHAR, reason VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS tracekit_schema (version INTEGER NOT NULL)""");

    /** The tables of the schema, in the order they are created and exported. */
    public static final List<String> TABLE_NAMES = List.of("traces", "processes", "threads", "syscalls", "signals",
            "samples", "stacks", "frames", "mappings", "fds", "import_errors");

    private Schema() {
    }

    /** Creates what is missing; refuses a database made by a newer tracekit. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute(table);
            }
            try (var result = statement.executeQuery("SELECT max(version) FROM tracekit_schema")) {
                result.next();
                int version = result.getInt(1);
                if (result.wasNull()) {
                    statement.execute("INSERT INTO tracekit_schema VALUES (" + VERSION + ")");
                } else if (version > VERSION) {
                    throw new SQLException("database schema version " + version + " is newer than this tracekit's ("
                            + VERSION + "); upgrade tracekit");
                }
            }
        }
    }
}
