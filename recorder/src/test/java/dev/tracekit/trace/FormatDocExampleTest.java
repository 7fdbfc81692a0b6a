package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps the worked example in docs/format.md true: its hexdump must be byte for byte what
 * {@link TraceWriter} writes for the header and events below, and must read back as them.
 *
 * <p>After an intended format change, print the new hexdump with
 * {@code mvn -q -pl recorder test -Dtest=FormatDocExampleTest -Dregenerate.format.example=true},
 * paste it between the marker lines and update the annotations under it.
 */
class FormatDocExampleTest {
    private static final String BEGIN = "<!-- example-hex-begin -->";
    private static final String END = "<!-- example-hex-end -->";
    private static final String REGENERATE = "docs/format.md's example is not what TraceWriter writes: run "
            + "mvn -q -pl recorder test -Dtest=FormatDocExampleTest -Dregenerate.format.example=true, "
            + "paste the printed hexdump between the markers and update the annotations";
    /** Level 0 stores the body uncompressed, so the example can be read by eye. */
    private static final TraceWriter.Options OPTIONS = new TraceWriter.Options(1 << 20, 0);
    private static final long BUFFER = 0x7ffd5e3a1000L;

    @Test
    void docHexdumpIsWhatTheWriterWrites() throws IOException {
        String written = hexdump(write());
        if (Boolean.getBoolean("regenerate.format.example")) {
            System.out.println(BEGIN + "\n```\n" + written + "```\n" + END);
        }
        assertEquals(written, hexdump(docBytes()), REGENERATE);
    }

    @Test
    void docBytesReadBackAsTheEvents() throws IOException {
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(docBytes()))) {
            assertEquals(header(), reader.header());
            List<TraceEvent> events = new ArrayList<>();
            TraceEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
            assertEquals(events(), events);
            assertEquals(ReadStatus.complete(3), reader.status());
        }
    }

    private static TraceHeader header() {
        return new TraceHeader("x86_64", "6.1.0", "example", 1_000_000_000L, 1_764_201_600_000_000_000L, "0.1.0",
                List.of("tracekit", "record", "--", "cat", "hi.txt"), Map.of("strsize", "32"));
    }

    /** cat reads "hi\n" from fd 3 and exits. */
    private static List<TraceEvent> events() {
        Capture read = new Capture(Capture.Phase.EXIT, BUFFER, 3, ByteString.copyOf("hi\n".getBytes(StandardCharsets.US_ASCII)));
        return List.of(
                new ThreadInfo(1_000_000_000L, 4242, 4242, "cat"),
                new Syscall(1_000_020_000L, 4242, 0, SyscallArgs.of(3, BUFFER, 4096), 12_000, 3, List.of(read)),
                new Exit(1_000_040_000L, 4242, 0));
    }

    private static byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = TraceWriter.to(out, header(), OPTIONS)) {
            for (TraceEvent event : events()) {
                writer.write(event);
            }
        }
        return out.toByteArray();
    }

    /** Lines of {@code OFFSET: bytes}, 16 bytes a line, as the doc shows them. */
    private static String hexdump(byte[] bytes) {
        StringBuilder dump = new StringBuilder();
        for (int line = 0; line < bytes.length; line += 16) {
            dump.append(String.format("%04x:", line));
            for (int i = line; i < Math.min(line + 16, bytes.length); i++) {
                dump.append(String.format(" %02x", bytes[i]));
            }
            dump.append('\n');
        }
        return dump.toString();
    }

    /** The bytes between the doc's markers; each line's offset must match the bytes before it. */
    private static byte[] docBytes() throws IOException {
        List<String> lines = Files.readAllLines(docPath());
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/format.md lacks the lines " + BEGIN + " and " + END + "; " + REGENERATE);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : lines.subList(begin + 1, end)) {
            if (line.isBlank() || line.startsWith("```")) {
                continue;
            }
            int colon = line.indexOf(':');
            int offset = Integer.parseInt(line.substring(0, colon).trim(), 16);
            assertEquals(bytes.size(), offset, "offset of line '" + line + "'; " + REGENERATE);
            bytes.writeBytes(HexFormat.of().parseHex(line.substring(colon + 1).replace(" ", "")));
        }
        return bytes.toByteArray();
    }

    /** Surefire runs in recorder/, but walking up also finds the doc from the repository root. */
    private static Path docPath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/format.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new AssertionError("no docs/format.md above " + Path.of("").toAbsolutePath());
    }
}
