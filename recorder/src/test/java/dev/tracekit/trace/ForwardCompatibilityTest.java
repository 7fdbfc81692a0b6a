package dev.tracekit.trace;

import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForwardCompatibilityTest {

    /** A newer writer's event type is skipped, yet counted, and its time delta keeps later times right. */
    @Test
    void unknownEventTypesAreSkippedByLengthAndCounted() throws IOException {
        Streams body = new Streams();
        body.records.writeVarInt(200);
        body.records.writeVarInt(5);
        body.records.writeBytes(new byte[] {1, 2, 3, 4, 5}, 0, 5);
        body.time(3);
        body.exit(7, 42, 3 << 8);
        body.end(2);

        LogBytes.Read read = LogBytes.read(body.log(500, 2));
        assertEquals(List.<TraceEvent>of(new Exit(510, 42, 3 << 8)), read.events());
        assertEquals(ReadStatus.complete(2), read.status());
    }

    /** Codes below 16 are dictionary entries and markers: an unknown one is skipped, not counted, and has no time. */
    @Test
    void unknownDictionaryTypesAreSkippedAndNotCounted() throws IOException {
        Streams body = new Streams();
        body.records.writeVarInt(9);
        body.records.writeVarInt(2);
        body.records.writeBytes(new byte[] {7, 7}, 0, 2);
        body.exit(1, 5, 0);
        body.end(1);

        LogBytes.Read read = LogBytes.read(body.log(0, 1));
        assertEquals(List.<TraceEvent>of(new Exit(1, 5, 0)), read.events());
        assertEquals(ReadStatus.complete(1), read.status());
    }

    @Test
    void fieldsAppendedToAKnownRecordAreIgnored() throws IOException {
        Streams body = new Streams();
        body.records.writeVarInt(RecordType.EXIT);
        body.records.writeVarInt(5);
        body.records.writeVarInt(99);
        body.records.writeVarInt(0);
        body.records.writeBytes(new byte[] {9, 9, 9}, 0, 3); // a field a newer minor version added
        body.time(7);
        body.end(1);

        assertEquals(List.<TraceEvent>of(new Exit(7, 99, 0)), LogBytes.read(body.log(0, 1)).events());
    }

    /** A newer writer may add streams, for fields of its own: they come after the known ones. */
    @Test
    void streamsAfterTheKnownOnesAreIgnored() throws IOException {
        Streams body = new Streams();
        body.exit(4, 8, 0);
        body.end(1);
        byte[][] streams = Arrays.copyOf(body.bytes(), ChunkStream.COUNT + 2);
        streams[ChunkStream.COUNT] = new byte[0];
        streams[ChunkStream.COUNT + 1] = new byte[] {1, 2, 3};

        assertEquals(List.<TraceEvent>of(new Exit(4, 8, 0)), LogBytes.read(ChunkFiles.logWithStreams(0, 1, streams)).events());
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

    /** A chunk body built by hand, stream by stream. */
    private static final class Streams {
        final ByteSink[] sinks = new ByteSink[ChunkStream.COUNT];
        final ByteSink records;

        Streams() {
            for (int i = 0; i < sinks.length; i++) {
                sinks[i] = new ByteSink(16);
            }
            records = sinks[ChunkStream.RECORDS];
        }

        void time(long delta) {
            SplitVarint.writeSigned(delta, sinks[ChunkStream.TIMES], sinks[ChunkStream.TIMES_HIGH]);
        }

        void exit(long timeDelta, int tid, int status) {
            ByteSink payload = new ByteSink(16);
            payload.writeVarInt(tid);
            payload.writeVarInt(status);
            records.writeVarInt(RecordType.EXIT);
            records.writeVarInt(payload.size());
            records.append(payload);
            time(timeDelta);
        }

        void end(long total) {
            ByteSink payload = new ByteSink(16);
            payload.writeVarLong(total);
            records.writeVarInt(RecordType.END);
            records.writeVarInt(payload.size());
            records.append(payload);
        }

        byte[][] bytes() {
            byte[][] streams = new byte[sinks.length][];
            for (int i = 0; i < sinks.length; i++) {
                streams[i] = Arrays.copyOf(sinks[i].array(), sinks[i].size());
            }
            return streams;
        }

        byte[] log(long baseTime, int events) {
            return ChunkFiles.logWithStreams(baseTime, events, bytes());
        }
    }
}
