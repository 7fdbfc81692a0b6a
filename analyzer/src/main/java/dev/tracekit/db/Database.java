package dev.tracekit.db;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** A DuckDB database with tracekit's schema: in memory, or a file that later runs query again. */
public final class Database implements AutoCloseable {
    private static final byte[] DUCKDB_MAGIC = {'D', 'U', 'C', 'K'};
    private final DuckDBConnection connection;

    private Database(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        Schema.create(connection);
    }

    /** Opens (or creates) {@code file}, or an in-memory database when it is null. */
    public static Database open(Path file) throws SQLException {
        DuckDBLibrary.requirePresent();
        Connection connection = DriverManager.getConnection(file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath());
        try {
            return new Database(connection.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** DuckDB files carry "DUCK" at byte 8. */
    public static boolean isDatabaseFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && Arrays.equals(head, 8, 12, DUCKDB_MAGIC, 0, 4);
        }
    }

    public DuckDBConnection connection() {
        return connection;
    }

    public int nextTraceId() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT coalesce(max(trace_id), 0) + 1 FROM traces")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Every trace in the database, in import order. */
    public List<Integer> traceIds() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT trace_id FROM traces ORDER BY trace_id")) {
            while (result.next()) {
                ids.add(result.getInt(1));
            }
        }
        return ids;
    }

    /** The architecture trace {@code traceId} was recorded on: its syscall numbering. */
    public String arch(int traceId) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT arch FROM traces WHERE trace_id = ?")) {
            statement.setInt(1, traceId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    /** The trace already imported from the same recording, if any. */
    public OptionalInt traceWithUid(String uid) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT trace_id FROM traces WHERE trace_uid = ?")) {
            statement.setString(1, uid);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? OptionalInt.of(result.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
