package dev.tracekit.trace;

import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceWriterFileTest {

    @Test
    void logIsPrivateToItsOwner(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("run.trace");
        Files.writeString(log, "an older file, world-readable");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        try (TraceWriter writer = TraceWriter.create(log, RandomEvents.header(), TraceWriter.Options.DEFAULT)) {
            writer.write(new Exit(1, 1, 0));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals(List.<TraceEvent>of(new Exit(1, 1, 0)), LogBytes.read(Files.readAllBytes(log)).events());
    }

    /** Nobody calls flush: the writer's timer must hand the event to the OS by itself. */
    @Test
    void aQuietRecordingIsFlushedWithoutBeingAsked(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("live.trace");
        try (TraceWriter writer = TraceWriter.create(log, RandomEvents.header(), TraceWriter.Options.DEFAULT)) {
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
