package dev.tracekit.trace;

import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceWriterFileTest {

    @Test
    void logIsPrivateToItsOwner(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("run.trace");
        Files.writeString(log, "an older file, world-readable");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        try (TraceWriter writer = TraceWriter.create(log, RandomEvents.header(), TraceWriter.Options.DEFAULT, TraceWriter.DEFAULT_FLUSH_INTERVAL)) {
            writer.write(new Exit(1, 1, 0));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals(List.<TraceEvent>of(new Exit(1, 1, 0)), LogBytes.read(Files.readAllBytes(log)).events());
    }

    /** Without the timer, chunks are sealed by size, flush and close only: the same events, the same file. */
    @Test
    void aReproducibleLogIsTheSameBytesEveryTime(@TempDir Path dir) throws Exception {
        List<TraceEvent> events = new RandomEvents(11).events(500);
        byte[][] logs = new byte[2][];
        for (int run = 0; run < logs.length; run++) {
            Path log = dir.resolve("run" + run + ".trace");
            try (TraceWriter writer = TraceWriter.createReproducible(log, RandomEvents.header(), LogBytes.SMALL_CHUNKS)) {
                for (TraceEvent event : events) {
                    writer.write(event);
                    if (run == 0) {
                        Thread.sleep(0, 200_000);
                    }
                }
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
            }
            logs[run] = Files.readAllBytes(log);
        }
        assertArrayEquals(logs[0], logs[1]);
        assertArrayEquals(LogBytes.write(events, LogBytes.SMALL_CHUNKS, Integer.MAX_VALUE).bytes(), logs[0]);
    }

    @Test
    void aFlushIntervalMustBePositive(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.create(dir.resolve("x.trace"), RandomEvents.header(),
                TraceWriter.Options.DEFAULT, Duration.ZERO));
    }

    /** Nobody calls flush: the writer's timer must hand the event to the OS by itself. */
    @Test
    void aQuietRecordingIsFlushedWithoutBeingAsked(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("live.trace");
        try (TraceWriter writer = TraceWriter.create(log, RandomEvents.header(), TraceWriter.Options.DEFAULT, TraceWriter.DEFAULT_FLUSH_INTERVAL)) {
            writer.write(new Exit(5, 6, 0));
            long deadline = System.nanoTime() + 5_000_000_000L;
            LogBytes.Read read;
            do {
                Thread.sleep(20);
                read = LogBytes.read(Files.readAllBytes(log));
            } while (read.events().isEmpty() && System.nanoTime() < deadline);
            assertEquals(List.<TraceEvent>of(new Exit(5, 6, 0)), read.events());
            assertFalse(read.status().complete(), "no end record while the writer is open");
        }
        assertTrue(LogBytes.read(Files.readAllBytes(log)).status().complete());
    }
}
