package dev.tracekit.cli;

import dev.tracekit.db.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Every table as Parquet, partitioned by host and trace (hive style: DIR/syscalls/host=h/
 * trace_uid=u/), so traces from many machines can lie side by side for Spark, Trino or DuckDB.
 */
final class ParquetExport {
    private ParquetExport() {
    }

    static void write(Connection connection, Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        try (Statement statement = connection.createStatement()) {
            for (String table : Schema.TABLE_NAMES) {
                String source = table.equals("traces") ? "SELECT * FROM traces"
                        : "SELECT t.host, t.trace_uid, x.* FROM " + table + " x JOIN traces t USING (trace_id)";
                String target = dir.resolve(table).toAbsolutePath().toString().replace("'", "''");
                statement.execute("COPY (" + source + ") TO '" + target + "' (FORMAT PARQUET, PARTITION_BY (host, trace_uid),"
                        + " OVERWRITE_OR_IGNORE true)");
            }
        }
    }
}
