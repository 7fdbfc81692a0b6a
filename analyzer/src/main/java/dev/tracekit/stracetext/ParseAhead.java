package dev.tracekit.stracetext;

import dev.tracekit.db.Handover;
import dev.tracekit.syscalls.SyscallTable;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Reads and parses strace text on a thread of its own ({@link Handover}) and hands the rows over
 * in batches, as {@code ReadAhead} does for logs. What stops the parsing (a read error, a bug) reaches the importing thread with the file and
 * line it happened at. Lines that are not understood are rows of import_errors, not errors.
 */
final class ParseAhead implements AutoCloseable {
    private static final int MAX_STORED_LINE = 4096;

    private final StraceInput input;
    private final ZoneId zone;
    private final Rows rows = new Rows();
    final SyscallNumbers numbers = new SyscallNumbers(SyscallTable.forArch(StraceImporter.ARCH));
    final Processes processes = new Processes();
    final TraceBuilder builder = new TraceBuilder(rows, numbers, processes, new StackRows(rows), new Descriptors(rows));
    /** Counts, read by the importing thread once {@link #next} returned null. */
    long lines;
    long skipped;
    private final Handover<RowBatch> handover;

    ParseAhead(StraceInput input, ZoneId zone) {
        this.input = input;
        this.zone = zone;
        this.handover = new Handover<>("tracekit-strace-parse", this::parse);
    }

    /** The next batch, or null at the end of the input; rethrows what stopped the parsing. */
    RowBatch next() throws IOException {
        return handover.next();
    }

    private void parse(Handover.Sink<RowBatch> queue) throws IOException, InterruptedException {
        Clock clock = new Clock(zone, LocalDateTime.ofInstant(input.lastModified(), zone));
        LineParser parser = new LineParser(clock);
        Line line = new Line();
        TornLines torn = new TornLines();
        long bytes = 0;
        for (StraceInput.File file : input.files()) {
            clock.newFile();
            long lineNumber = 0;
            try (LineReader reader = new LineReader(Files.newInputStream(file.path()))) {
                String text;
                while ((text = reader.next()) != null) {
                    lineNumber++;
                    lines++;
                    try {
                        parseLine(text, file, lineNumber, parser, line, torn);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(file.path() + " line " + lineNumber + ": " + e, e);
                    }
                    RowBatch full;
                    while ((full = rows.nextReady()) != null) {
                        full.bytesRead = bytes + reader.consumed();
                        queue.put(full);
                    }
                }
                bytes += reader.consumed();
            } catch (IOException e) {
                throw new IOException(file.path() + " line " + (lineNumber + 1) + ": " + e.getMessage(), e);
            }
        }
        builder.finish();
        RowBatch full;
        while ((full = rows.nextReady()) != null) {
            full.bytesRead = bytes;
            queue.put(full);
        }
        queue.put(rows.rest(bytes));
    }

    private void parseLine(String whole, StraceInput.File file, long lineNumber, LineParser parser, Line line, TornLines torn) {
        String note = torn.note(whole);
        if (note != null) {
            parser.parse(note, line);
            builder.accept(line, file.tid(), lines);
            return;
        }
        String text = torn.whole(whole);
        String error = parser.parse(text, line) ? builder.accept(line, file.tid(), lines) : line.error;
        if (error != null) {
            skipped++;
            rows.error(file.path().toString(), lineNumber,
                    text.length() > MAX_STORED_LINE ? text.substring(0, MAX_STORED_LINE) : text, error);
        }
    }

    @Override
    public void close() {
        handover.close();
    }
}
