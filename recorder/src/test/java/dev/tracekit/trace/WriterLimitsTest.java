package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The writer never writes what the reader would refuse. */
class WriterLimitsTest {

    @Test
    void largeEventsGetAChunkOfTheirOwnAndReadBack() throws IOException {
        List<TraceEvent> events = new ArrayList<>(new RandomEvents(1).events(50));
        events.add(syscallWithCapture(LogFormat.MAX_CHUNK_SIZE / 2));
        events.add(syscallWithCapture(LogFormat.MAX_CHUNK_SIZE - 1000));
        events.addAll(new RandomEvents(2).events(50));
        LogBytes log = LogBytes.write(events, TraceWriter.Options.DEFAULT, Integer.MAX_VALUE);
        assertEquals(events, LogBytes.read(log.bytes()).events());
    }

    @Test
    void anEventLargerThanAChunkIsRefusedAndTheLogStaysWhole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = TraceWriter.to(out, RandomEvents.header(), TraceWriter.Options.DEFAULT)) {
            writer.write(new Exit(1, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.write(syscallWithCapture(LogFormat.MAX_CHUNK_SIZE)));
            writer.write(new Exit(2, 2, 0));
        }
        assertEquals(List.<TraceEvent>of(new Exit(1, 1, 0), new Exit(2, 2, 0)), LogBytes.read(out.toByteArray()).events());
    }

    @Test
    void aHeaderOverTheLimitIsRefused() {
        TraceHeader huge = new TraceHeader("x86_64", "6.1", "h", 0, 0, "v",
                Collections.nCopies(2048, "x".repeat(1024)), Map.of());
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.to(new ByteArrayOutputStream(), huge, TraceWriter.Options.DEFAULT));
    }

    @Test
    void negativeDurationsAreRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class,
                () -> new Syscall(0, 1, 0, SyscallArgs.NONE, -1, 0, List.of()));
    }

    @Test
    void varintsThatOverflowSixtyFourBitsAreMalformed() {
        byte[] elevenBits = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x03};
        assertThrows(MalformedException.class, () -> new ByteSource("test bytes", elevenBits, 0, elevenBits.length).readVarLong());
        byte[] maximum = elevenBits.clone();
        maximum[9] = 0x01;
        assertEquals(-1L, new ByteSource("test bytes", maximum, 0, maximum.length).readVarLong());
    }

    private static Syscall syscallWithCapture(int size) {
        return new Syscall(5, 1, 1, SyscallArgs.of(1, 0x1000, size), 10, size,
                List.of(new Capture(Capture.Phase.ENTRY, 0x1000, size, ByteString.copyOf(new byte[size]))));
    }
}
