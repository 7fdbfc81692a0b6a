package dev.tracekit.stracetext;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One import as one transaction (input that cannot be read leaves nothing behind), with DuckDB's
 * buffer pool bounded while loading into a file, so memory stays flat whatever the input's size,
 * and DuckDB on one thread while loading. The same rules as the log import's.
 */
final class ImportTransaction {
    private static final String FILE_IMPORT_MEMORY = "64MB";

    interface Work<T> {
        T run() throws IOException, SQLException;
    }

    private ImportTransaction() {
    }

    static <T> T run(DuckDBConnection connection, Work<T> work) throws IOException, SQLException {
        boolean bounded = isFileDatabase(connection);
        if (bounded) {
            execute(connection, "SET memory_limit = '" + FILE_IMPORT_MEMORY + "'");
        }
        // DuckDB runs each chunk an appender flushes as a small INSERT: with a second thread, one
        // thread runs it while the other polls for its tasks, CPU that the parsing thread needs.
        execute(connection, "SET threads = 1");
        // An explicit BEGIN: the appenders would otherwise commit every chunk of rows on their own.
        execute(connection, "BEGIN TRANSACTION");
        try {
            T result = work.run();
            execute(connection, "COMMIT");
            return result;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            execute(connection, "RESET threads");
            if (bounded) {
                execute(connection, "RESET memory_limit");
            }
        }
    }

    private static boolean isFileDatabase(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT path IS NOT NULL FROM duckdb_databases() WHERE database_name = current_database()")) {
            return result.next() && result.getBoolean(1);
        }
    }

    static void execute(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
