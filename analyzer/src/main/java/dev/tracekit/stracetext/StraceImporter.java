package dev.tracekit.stracetext;

import dev.tracekit.syscalls.SyscallTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams strace text into the same tables as a tracekit log, through DuckDB's appenders: one
 * trace per input, which is one file or the files of {@code strace -ff -o PREFIX}. Lines that
 * cannot be understood go to {@code import_errors} and the import goes on. Memory holds one line,
 * the calls pending per thread, the threads and processes, and the -k frames seen.
 *
 * <pre>{@code
 * StraceImporter.Result result = new StraceImporter(connection, ZoneId.systemDefault())
 *         .importFiles(StraceInput.of(List.of(Path.of("old.strace.txt"))), database.nextTraceId(), done -> { });
 * }</pre>
 */
public final class StraceImporter {
    /** The architecture strace text is taken to come from: it does not say. */
    public static final String ARCH = "x86_64";
    private static final int READ_BUFFER = 1 << 20;
    private static final int MAX_STORED_LINE = 4096;
    private static final long PROGRESS_EVERY = 1 << 16;

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
        try (DuckDBAppender syscalls = appender("syscall_rows");
             DuckDBAppender signals = appender("signals");
             DuckDBAppender samples = appender("samples");
             DuckDBAppender stacks = appender("stacks");
             DuckDBAppender frames = appender("frames");
             DuckDBAppender errors = appender("import_errors")) {
            SyscallNumbers numbers = new SyscallNumbers(SyscallTable.forArch(ARCH));
            Processes processes = new Processes();
            TraceBuilder builder = new TraceBuilder(traceId, syscalls, signals, numbers, processes,
                    new StackRows(traceId, samples, stacks, frames));
            Clock clock = new Clock(zone, LocalDateTime.ofInstant(input.lastModified(), zone));
            LineParser parser = new LineParser(clock);
            Line line = new Line();
            TornLines torn = new TornLines();
            long lines = 0;
            long skipped = 0;
            long bytes = 0;
            for (StraceInput.File file : input.files()) {
                clock.newFile();
                long lineNumber = 0;
                try (BufferedReader reader = reader(file.path())) {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        lineNumber++;
                        lines++;
                        bytes += text.length() + 1;
                        String note = torn.note(text);
                        if (note != null) {
                            parser.parse(note, line);
                            builder.accept(line, file.tid(), lines);
                            continue;
                        }
                        text = torn.whole(text);
                        String error = parser.parse(text, line) ? builder.accept(line, file.tid(), lines) : line.error;
                        if (error != null) {
                            skipped++;
                            errors.beginRow().append(traceId).append(file.path().toString()).append(lineNumber)
                                    .append(text.length() > MAX_STORED_LINE ? text.substring(0, MAX_STORED_LINE) : text)
                                    .append(error).endRow();
                        }
                        if ((lines & (PROGRESS_EVERY - 1)) == 0) {
                            progress.accept(bytes);
                        }
                    }
                }
            }
            builder.finish();
            for (DuckDBAppender appender : List.of(syscalls, signals, samples, stacks, frames, errors)) {
                appender.flush();
            }
            int unprefixed = builder.unprefixedTid();
            if (unprefixed != TraceBuilder.UNKNOWN_TID) {
                processes.rename(TraceBuilder.UNKNOWN_TID, unprefixed);
                for (String table : List.of("syscall_rows", "signals", "samples")) {
                    ImportTransaction.execute(connection, "UPDATE " + table + " SET tid = " + unprefixed + " WHERE trace_id = "
                            + traceId + " AND tid = " + TraceBuilder.UNKNOWN_TID);
                }
            }
            Result result = new Result(traceId, lines, builder.calls(), skipped);
            TraceRow.write(connection, input, result, builder.firstTime());
            processes.write(connection, traceId);
            numbers.write(connection, traceId);
            fillPids(traceId);
            return result;
        }
    }

    private DuckDBAppender appender(String table) throws SQLException {
        return connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** Bytes that are not UTF-8 (strace escapes most, not all) become U+FFFD rather than stop the import. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), READ_BUFFER);
    }

    /** Signals and samples were written before the threads' processes were known. */
    private void fillPids(int traceId) throws SQLException {
        for (String table : List.of("signals", "samples")) {
            ImportTransaction.execute(connection, "UPDATE " + table + " t SET pid = th.pid FROM threads th WHERE t.pid IS NULL"
                    + " AND t.trace_id = " + traceId + " AND th.trace_id = " + traceId + " AND th.tid = t.tid");
        }
    }
}
