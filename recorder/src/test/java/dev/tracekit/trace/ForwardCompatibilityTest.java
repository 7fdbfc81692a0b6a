package dev.tracekit.trace;

import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForwardCompatibilityTest {

    /** A newer writer's event type is skipped, yet counted: its writer counted it too. */
    @Test
    void unknownEventTypesAreSkippedByLengthAndCounted() throws IOException {
        ByteSink body = new ByteSink(64);
        body.writeSignedVarLong(500);
        body.writeVarInt(200);
        body.writeVarInt(5);
        body.writeBytes(new byte[] {1, 2, 3, 4, 5}, 0, 5);
        writeExit(body, 10, 42, 3 << 8);
        body.writeVarInt(RecordType.END);
        body.writeVarInt(1);
        body.writeVarInt(2);

        LogBytes.Read read = LogBytes.read(ChunkFiles.logWithBody(bodyBytes(body), 2));
        assertEquals(List.<TraceEvent>of(new Exit(510, 42, 3 << 8)), read.events());
        assertEquals(ReadStatus.complete(2), read.status());
    }

    /** Codes below 16 are dictionary entries and markers: an unknown one is skipped, not counted. */
    @Test
    void unknownDictionaryTypesAreSkippedAndNotCounted() throws IOException {
        ByteSink body = new ByteSink(64);
        body.writeSignedVarLong(0);
        body.writeVarInt(9);
        body.writeVarInt(2);
        body.writeBytes(new byte[] {7, 7}, 0, 2);
        writeExit(body, 1, 5, 0);
        body.writeVarInt(RecordType.END);
        body.writeVarInt(1);
        body.writeVarInt(1);

        assertEquals(ReadStatus.complete(1), LogBytes.read(ChunkFiles.logWithBody(bodyBytes(body), 1)).status());
    }

    @Test
    void fieldsAppendedToAKnownRecordAreIgnored() throws IOException {
        ByteSink body = new ByteSink(64);
        body.writeSignedVarLong(0);
        body.writeVarInt(RecordType.EXIT);
        body.writeVarInt(6);
        body.writeSignedVarLong(7);
        body.writeVarInt(99);
        body.writeVarInt(0);
        body.writeBytes(new byte[] {9, 9, 9}, 0, 3); // a field a newer minor version added
        body.writeVarInt(RecordType.END);
        body.writeVarInt(1);
        body.writeVarInt(1);

        assertEquals(List.<TraceEvent>of(new Exit(7, 99, 0)), LogBytes.read(ChunkFiles.logWithBody(bodyBytes(body), 1)).events());
    }

    @Test
    void newerMajorVersionIsRefusedNamingBoth() {
        byte[] log = LogBytes.write(List.of(), TraceWriter.Options.DEFAULT, 1).bytes();
        log[8] = 2;
        log[10] = 3;
        InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> LogBytes.read(log));
        assertEquals("log format version 2.3 is newer than the version this tracekit reads (1.0); upgrade tracekit to read it",
                e.getMessage());
    }

    @Test
    void newerMinorVersionIsRead() throws IOException {
        byte[] log = LogBytes.write(List.of(new Exit(1, 2, 0)), TraceWriter.Options.DEFAULT, 1).bytes();
        log[10] = 7;
        byte[] header = ChunkFiles.fileHeader();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(log, 0, 16);
        crc.update(log, LogFormat.FILE_PREAMBLE_SIZE, header.length - LogFormat.FILE_PREAMBLE_SIZE);
        ByteSink.putIntLE(log, 16, (int) crc.getValue());
        assertEquals(List.<TraceEvent>of(new Exit(1, 2, 0)), LogBytes.read(log).events());
    }

    private static void writeExit(ByteSink body, long timeDelta, int tid, int status) {
        ByteSink payload = new ByteSink(16);
        payload.writeSignedVarLong(timeDelta);
        payload.writeVarInt(tid);
        payload.writeVarInt(status);
        body.writeVarInt(RecordType.EXIT);
        body.writeVarInt(payload.size());
        body.append(payload);
    }

    private static byte[] bodyBytes(ByteSink body) {
        return java.util.Arrays.copyOf(body.array(), body.size());
    }
}
