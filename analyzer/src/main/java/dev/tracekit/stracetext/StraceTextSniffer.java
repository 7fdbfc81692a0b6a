package dev.tracekit.stracetext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Tells strace text from other files by content: the first lines (up to {@link #SAMPLE_LINES}
 * of the first {@link #SAMPLE_BYTES} bytes) must be text, and most of them lines strace writes.
 */
public final class StraceTextSniffer {
    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final int SAMPLE_LINES = 50;

    private StraceTextSniffer() {
    }

    /** Null when {@code file} reads as strace text, else what is wrong with it, for a one-line message. */
    public static String problem(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE_BYTES);
        }
        if (head.length == 0) {
            return "empty file";
        }
        for (byte b : head) {
            if (b == 0) {
                return "binary data, not a tracekit log, a DuckDB database or strace text";
            }
        }
        String[] lines = new String(head, StandardCharsets.UTF_8).split("\n", -1);
        int count = head.length == SAMPLE_BYTES ? lines.length - 1 : lines.length;
        LineParser parser = new LineParser(new Clock(ZoneOffset.UTC, LocalDateTime.now()));
        Line line = new Line();
        int read = 0;
        int understood = 0;
        int events = 0;
        String firstError = null;
        for (int i = 0; i < count && read < SAMPLE_LINES; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            read++;
            boolean parsed = parser.parse(lines[i], line);
            if (parsed && line.kind != Line.Kind.CONTINUATION) {
                understood++;
                events += line.kind == Line.Kind.OTHER ? 0 : 1;
            } else if (firstError == null) {
                firstError = "line " + (i + 1) + ": " + (parsed ? "no call, signal or exit" : line.error);
            }
        }
        if (events > 0 && understood * 2 > read) {
            return null;
        }
        return "not a tracekit log, a DuckDB database or strace text" + (firstError == null ? "" : " (" + firstError + ")");
    }
}
