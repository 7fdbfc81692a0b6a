package dev.tracekit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures a file that {@code strace -f -tt -T -o FILE} wrote, so the model's line length can be
 * judged against the real thing. Besides bytes per line it counts bytes per call as if each
 * "unfinished ..." line and its "resumed" line were one, the form {@link StraceText} prints.
 */
record RealStraceText(long bytes, long lines, long calls, long joinedBytes) {
    private static final String UNFINISHED = " <unfinished ...>";
    private static final String RESUMED = " resumed>";

    static RealStraceText measure(Path file) throws IOException {
        long bytes = 0;
        long lines = 0;
        long calls = 0;
        long joinedBytes = 0;
        // Latin-1: one char a byte, whatever strace wrote.
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                bytes += line.length() + 1;
                lines++;
                // "PID  HH:MM:SS.uuuuuu " comes first; what follows says what the line is
                int rest = line.indexOf(' ', line.indexOf(':')) + 1;
                if (line.startsWith("+++", rest) || line.startsWith("---", rest)) {
                    continue; // an exit or a signal, not a call
                }
                if (line.startsWith("<... ", rest)) {
                    joinedBytes += line.length() - (line.indexOf(RESUMED, rest) + RESUMED.length()) + 1;
                } else if (line.endsWith(UNFINISHED)) {
                    calls++;
                    joinedBytes += line.length() - UNFINISHED.length();
                } else {
                    calls++;
                    joinedBytes += line.length() + 1;
                }
            }
        }
        return new RealStraceText(bytes, lines, calls, joinedBytes);
    }

    double bytesPerLine() {
        return (double) bytes / lines;
    }

    double joinedBytesPerCall() {
        return (double) joinedBytes / calls;
    }
}
