package dev.tracekit.cli;

import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCommandTest {
    private static final TraceHeader HEADER = new TraceHeader("x86_64", "6.1.0", "testhost", 1_000_000_000L,
            1_764_201_600_000_000_000L, "0.1.0", List.of("tracekit", "record", "--", "cat", "x"), Map.of("strsize", "32"));

    @TempDir
    Path dir;

    @Test
    void printsHeaderAndEveryEvent() throws IOException {
        Path log = writeLog(3);
        CliRun run = CliRun.of("dump", log.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("# tracekit log, format 1.0, written by tracekit 0.1.0", lines.get(0));
        assertEquals("# clock anchor: monotonic 1000000000 ns = 2025-11-27T00:00:00Z", lines.get(2));
        assertEquals("+0.000001000 syscall tid=42 read args=(0x3, 0x7ffc0000, 0x1000) = 5 <0.000002000>"
                + " [exit 0x7ffc0000 5 of 5 bytes 68656c6c6f]", lines.get(5));
        assertEquals("+0.000003000 exit tid=42 code=3", lines.get(lines.size() - 1));
        assertEquals(5 + 3, lines.size());
        assertEquals("", run.err());
    }

    @Test
    void jsonLinesCarryTypeAndFields() throws IOException {
        CliRun run = CliRun.of("dump", "--format", "json", writeLog(2).toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("{\"type\":\"Header\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"type\":\"Syscall\",\"time\":1000001000,\"tid\":42,\"number\":0,"), lines.get(1));
        assertTrue(lines.get(1).contains("\"bytes\":\"68656c6c6f\""), lines.get(1));
    }

    @Test
    void truncatedLogPrintsWhatItHasThenWarns() throws IOException {
        Path log = writeLog(3);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 3));
        CliRun run = CliRun.of("dump", log.toString());
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: warning: " + log + ": truncated: "), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void corruptLogIsExitThreeWithOneLine() throws IOException {
        Path log = writeLog(3);
        byte[] bytes = Files.readAllBytes(log);
        bytes[bytes.length - 5] ^= 0x10;
        Files.write(log, bytes);
        CliRun run = CliRun.of("dump", log.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().matches("tracekit: " + java.util.regex.Pattern.quote(log.toString())
                + ": corrupt chunk at offset \\d+: checksum mismatch \\(stored 0x\\p{XDigit}{8}, computed 0x\\p{XDigit}{8}\\)\\R"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void notALogIsExitThree() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("dump", text.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("tracekit: " + text + ": not a tracekit log: no TRACEKIT magic at offset 0", run.err().strip());
    }

    @Test
    void stacktraceOptionShowsTheTrace() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("dump", "--stacktrace", text.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("at dev.tracekit."), run.err());
    }

    private Path writeLog(int events) throws IOException {
        Path log = dir.resolve("run.trace");
        try (TraceWriter writer = TraceWriter.create(log, HEADER, TraceWriter.Options.DEFAULT, TraceWriter.DEFAULT_FLUSH_INTERVAL)) {
            for (int i = 0; i < events - 1; i++) {
                writer.write(new Syscall(1_000_001_000L + i * 1000L, 42, 0, SyscallArgs.of(3, 0x7ffc0000L, 4096), 2000, 5,
                        List.of(new Capture(Capture.Phase.EXIT, 0x7ffc0000L, 5, ByteString.copyOf("hello".getBytes(StandardCharsets.US_ASCII))))));
            }
            writer.write(new Exit(1_000_003_000L, 42, 3 << 8));
        }
        return log;
    }
}
