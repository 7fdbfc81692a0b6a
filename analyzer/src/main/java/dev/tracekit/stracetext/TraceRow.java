package dev.tracekit.stracetext;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.SQLException;

/** The row of {@code traces} for strace text: source {@code strace}; the text names no host, kernel or recorder. */
final class TraceRow {
    private TraceRow() {
    }

    static void write(DuckDBConnection connection, StraceInput input, StraceImporter.Result result, Long started)
            throws SQLException, IOException {
        try (DuckDBAppender traces = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "traces")) {
            traces.beginRow().append(result.traceId()).append(input.uid()).append("strace")
                    .append(input.name().toAbsolutePath().toString()).append(input.size()).appendNull()
                    .append(StraceImporter.ARCH).appendNull().appendNull().appendNull();
            if (started == null) {
                traces.appendNull();
            } else {
                traces.appendEpochNanos(started);
            }
            traces.append(result.lines()).append(result.skipped() == 0)
                    .append(result.skipped() == 0 ? null : result.skipped() + " lines not understood, listed in import_errors")
                    .endRow();
        }
    }
}
