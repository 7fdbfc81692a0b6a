package dev.tracekit.stracetext;

import dev.tracekit.db.Appenders;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams strace text into the same tables as a tracekit log, through DuckDB's appenders: one
 * trace per input, which is one file or the files of {@code strace -ff -o PREFIX}. Lines that
 * cannot be understood go to {@code import_errors} and the import goes on. One thread reads and
 * parses ({@link ParseAhead}), the calling one appends. Memory holds a block of the input and a
 * few batches of rows, the calls pending per thread, the threads and processes, and the -k
 * frames seen.
 *
 * <pre>{@code
 * StraceImporter.Result result = new StraceImporter(connection, ZoneId.systemDefault())
 *         .importFiles(StraceInput.of(List.of(Path.of("old.strace.txt"))), database.nextTraceId(), done -> { });
 * }</pre>
 */
public final class StraceImporter {
    /** The architecture strace text is taken to come from: it does not say. */
    static final String ARCH = "x86_64";

    private final DuckDBConnection connection;
    private final ZoneId zone;

    /** What one import added. */
    public record Result(int traceId, long lines, long calls, long skipped) {
    }

    /** @param zone the time zone of -t and -tt timestamps (strace writes local time) */
    public StraceImporter(DuckDBConnection connection, ZoneId zone) {
        this.connection = connection;
        this.zone = zone;
    }

    /** Imports {@code input} as trace {@code traceId}; {@code progress} receives bytes read now and then. */
    public Result importFiles(StraceInput input, int traceId, LongConsumer progress) throws IOException, SQLException {
        return ImportTransaction.run(connection, () -> load(input, traceId, progress));
    }

    private Result load(StraceInput input, int traceId, LongConsumer progress) throws IOException, SQLException {
        try (Appenders tables = new Appenders(connection); ParseAhead parsed = new ParseAhead(input, zone)) {
            RowBatch batch;
            while ((batch = parsed.next()) != null) {
                batch.appendTo(tables, traceId);
                progress.accept(batch.bytesRead);
            }
            tables.flush();
            TraceBuilder builder = parsed.builder;
            int unprefixed = builder.unprefixedTid();
            if (unprefixed != TraceBuilder.UNKNOWN_TID) {
                parsed.processes.rename(TraceBuilder.UNKNOWN_TID, unprefixed);
                for (String table : List.of("syscall_rows", "signals", "samples")) {
                    ImportTransaction.execute(connection, "UPDATE " + table + " SET tid = " + unprefixed + " WHERE trace_id = "
                            + traceId + " AND tid = " + TraceBuilder.UNKNOWN_TID);
                }
                ImportTransaction.execute(connection, "UPDATE fds SET pid = " + unprefixed + " WHERE trace_id = " + traceId
                        + " AND pid = " + TraceBuilder.UNKNOWN_TID);
            }
            Result result = new Result(traceId, parsed.lines, builder.calls(), parsed.skipped);
            TraceRow.write(connection, input, result, builder.firstTime());
            parsed.processes.write(connection, traceId);
            parsed.numbers.write(connection, traceId);
            fillPids(traceId);
            return result;
        }
    }

    /** Signals and samples were written before the threads' processes were known. */
    private void fillPids(int traceId) throws SQLException {
        for (String table : List.of("signals", "samples")) {
            ImportTransaction.execute(connection, "UPDATE " + table + " t SET pid = th.pid FROM threads th WHERE t.pid IS NULL"
                    + " AND t.trace_id = " + traceId + " AND th.trace_id = " + traceId + " AND th.tid = t.tid");
        }
    }
}
