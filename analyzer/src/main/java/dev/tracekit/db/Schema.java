package dev.tracekit.db;

import dev.tracekit.syscalls.Errno;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;

/**
 * The tables every input becomes, a tracekit log or strace text alike; docs/schema.md
 * describes each column. Times are wall clock ({@code TIMESTAMP_NS}), durations nanoseconds.
 * Every row carries the {@code trace_id} of the input it came from, so one database holds many.
 * Calls, the bulk of every trace, are stored lean in {@code syscall_rows}: only what cannot be
 * derived, so the import appends few values per call. The {@code syscalls} view adds the
 * documented columns back (pid from threads, name, result text, errno) through small tables.
 */
public final class Schema {
    public static final int VERSION = 4;
    /** The kernel's MAX_ERRNO: a return value in [-4095, -1] is a failure. */
    private static final int MAX_ERRNO = 4095;

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
                started TIMESTAMP_NS, ended TIMESTAMP_NS, exit_code INTEGER, term_signal VARCHAR)""", """
            CREATE TABLE IF NOT EXISTS syscall_rows (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, ts TIMESTAMP_NS NOT NULL, duration_ns BIGINT,
                nr INTEGER NOT NULL, args VARCHAR, ret BIGINT, result_text VARCHAR,
                split_at INTEGER, resumed_ts TIMESTAMP_NS)""", """
            CREATE TABLE IF NOT EXISTS syscall_names (trace_id INTEGER NOT NULL, nr INTEGER NOT NULL, name VARCHAR NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS errnos (errno SMALLINT NOT NULL, name VARCHAR NOT NULL, message VARCHAR NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS signals (
                trace_id INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER, ts TIMESTAMP_NS NOT NULL,
                signo INTEGER, signal VARCHAR, code INTEGER, sender_pid INTEGER, sender_uid BIGINT,
                siginfo VARCHAR)""", """
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
            CREATE TABLE IF NOT EXISTS strace_counts (
                trace_id INTEGER NOT NULL, personality VARCHAR, syscall VARCHAR, calls BIGINT, errors BIGINT,
                total_ns BIGINT, avg_ns BIGINT, min_ns BIGINT, max_ns BIGINT, time_percent DOUBLE)""", """
            CREATE TABLE IF NOT EXISTS tracekit_schema (version INTEGER NOT NULL)""", """
            CREATE OR REPLACE VIEW syscalls AS
            SELECT s.trace_id, s.tid, th.pid, s.ts, s.duration_ns, s.nr, n.name, s.args, s.ret,
                   coalesce(s.result_text, CASE WHEN s.ret IS NULL THEN '?'
                                                WHEN e.errno IS NOT NULL THEN '-1 ' || e.name || ' (' || e.message || ')'
                                                ELSE s.ret::VARCHAR END) AS result,
                   e.name AS errno, s.ret IS NOT NULL AS complete
            FROM syscall_rows s
            LEFT JOIN threads th ON th.trace_id = s.trace_id AND th.tid = s.tid
            LEFT JOIN syscall_names n ON n.trace_id = s.trace_id AND n.nr = s.nr
            LEFT JOIN errnos e ON s.ret = -e.errno""");

    /** The tables of the schema, in the order they are created and exported. */
    public static final List<String> TABLE_NAMES = List.of("traces", "processes", "threads", "syscalls", "signals",
            "samples", "stacks", "frames", "mappings", "fds", "import_errors", "strace_counts");

    private Schema() {
    }

    /** Creates the schema in a new database; refuses one made by another version of tracekit. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            OptionalInt existing = version(statement);
            if (existing.isPresent()) {
                int version = existing.getAsInt();
                if (version != VERSION) {
                    throw new SQLException("database schema version " + version + " is " + (version > VERSION
                            ? "newer than this tracekit's (" + VERSION + "); upgrade tracekit"
                            : "older than this tracekit's (" + VERSION + "); import the logs into a new database"));
                }
                return;
            }
            for (String table : TABLES) {
                statement.execute(table);
            }
            statement.execute(ArgsListMacro.sql());
            writeErrnos(connection);
            statement.execute("INSERT INTO tracekit_schema VALUES (" + VERSION + ")");
        }
    }

    private static OptionalInt version(Statement statement) throws SQLException {
        try (ResultSet tables = statement.executeQuery(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'tracekit_schema'")) {
            tables.next();
            if (tables.getInt(1) == 0) {
                return OptionalInt.empty();
            }
        }
        try (ResultSet result = statement.executeQuery("SELECT max(version) FROM tracekit_schema")) {
            result.next();
            int version = result.getInt(1);
            return result.wasNull() ? OptionalInt.empty() : OptionalInt.of(version);
        }
    }

    /** Every errno value a call can fail with, so the syscalls view can name a failure by its return value. */
    private static void writeErrnos(Connection connection) throws SQLException {
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "errnos")) {
            for (short errno = 1; errno <= MAX_ERRNO; errno++) {
                appender.beginRow().append(errno).append(Errno.name(errno)).append(Errno.message(errno)).endRow();
            }
        }
    }
}
