package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reference a reader follows (call sites, recent values, capture back-references, XOR
 * bases, the stream table) is checked before it is followed: a forged one behind a valid
 * checksum is reported with what it names and where, never followed.
 */
class ForgedChunkTest {
    /** One SYSCALL at time 0 of tid 5, number 0, with all-zero arguments and result and no capture. */
    private static final byte[][] PLAIN = {
        {RecordType.SYSCALL, RecordType.END, 1, 1},
        {0}, {0},
        {0, 5, 0},
        {10}, {0},
        {0},
        {},
        {0}, {},
        {}, {},
        {}, {},
    };
    @Test
    void thePlainChunkReadsBack() throws IOException {
        assertEquals(ChunkStream.COUNT, PLAIN.length);
        assertEquals(List.<TraceEvent>of(new Syscall(0, 5, 0, SyscallArgs.NONE, 10, 0, List.of())),
                LogBytes.read(ChunkFiles.logWithStreams(0, 1, PLAIN)).events());
    }

    @Test
    void undefinedCallSite() {
        assertCorrupt("call site 3 is not defined (0 so far in this chunk) (at byte 1 of the calls stream)",
                with(ChunkStream.CALLS, 3));
    }

    @Test
    void valueCodePastTheRecentValues() {
        assertCorrupt("value code 9 reaches past the 8 recent values (at byte 1 of the args stream)",
                with(ChunkStream.ARGS, RecentValues.TUPLES + 0x3f, 9));
    }

    @Test
    void valueMaskWithAnEighthBit() {
        assertCorrupt("value mask 0xef names more than 7 values (at byte 0 of the args stream)",
                with(ChunkStream.ARGS, 0xff));
    }

    @Test
    void tupleCodeForACallWithoutResult() {
        byte[][] streams = entry();
        streams[ChunkStream.ARGS] = new byte[] {3};
        assertCorrupt("value code 3 names a tuple with a result, for a call without one (at byte 0 of the args stream)", streams);
    }

    /** Capture counts are differences from the site's last: 1 is zigzag for -1, below the first count of 0. */
    @Test
    void negativeCaptureCount() {
        assertCorrupt("capture count -1 is negative (at byte 1 of the captures stream)", with(ChunkStream.CAPTURES, 1));
    }

    @Test
    void captureCountPastTheTags() {
        assertCorrupt("capture count 3 exceeds the 0 bytes left (at byte 1 of the captures stream)", with(ChunkStream.CAPTURES, 6));
    }

    @Test
    void backReferenceBeforeTheChunk() {
        byte[][] streams = with(ChunkStream.CAPTURES, 2, CaptureEncoder.MODE_REPEAT << 4);
        streams[ChunkStream.CAPTURE_FIELDS] = new byte[] {1};
        assertCorrupt("capture back-reference 1 reaches before the chunk (0 captures so far) (at byte 1 of the capture-fields stream)",
                streams);
    }

    @Test
    void patchWithoutItsBitmap() {
        assertCorrupt("a bitmap of 1 bytes runs past the end (0 bytes left) (at byte 0 of the patches stream)", patched());
    }

    @Test
    void patchBitmapPastTheCapture() {
        byte[][] streams = patched();
        streams[ChunkStream.PATCHES] = new byte[] {0x10};
        assertCorrupt("bitmap marks bytes past the end of a 4-byte capture (at byte 0 of the patches stream)", streams);
    }

    @Test
    void patchBitmapMarksMoreBytesThanThereAre() {
        byte[][] streams = patched();
        streams[ChunkStream.PATCHES] = new byte[] {0x0f};
        streams[ChunkStream.PATCH_DATA] = new byte[] {7, 7};
        assertCorrupt("record ends too early (at byte 2 of the patch-data stream)", streams);
    }

    @Test
    void captureLengthFromTheResultOfACallWithout() {
        byte[][] streams = entry();
        streams[ChunkStream.CAPTURES] = new byte[] {2, (byte) (CaptureEncoder.LENGTH_RESULT << 6)};
        streams[ChunkStream.CAPTURE_FIELDS] = new byte[] {2};
        streams[ChunkStream.TEXT] = new byte[] {'h', 'i'};
        assertCorrupt("capture length is the result of a call that has none (at byte 1 of the capture-fields stream)", streams);
    }

    @Test
    void captureLengthFromAResultShorterThanTheCapture() {
        byte[][] streams = with(ChunkStream.CAPTURES, 2, CaptureEncoder.LENGTH_RESULT << 6);
        streams[ChunkStream.CAPTURE_FIELDS] = new byte[] {2};
        streams[ChunkStream.TEXT] = new byte[] {'h', 'i'};
        assertCorrupt("capture length is the result 0, less than the 2 bytes captured (at byte 1 of the capture-fields stream)",
                streams);
    }

    @Test
    void bytesLeftOverInAStream() {
        assertCorrupt("1 bytes left over after the last record (at byte 0 of the values stream)", with(ChunkStream.VALUES, 9));
    }

    @Test
    void streamTableThatDoesNotAddUp() {
        byte[] payload = ChunkFiles.payload(0, PLAIN);
        byte[] log = ChunkFiles.concat(ChunkFiles.fileHeader(), ChunkFiles.chunk(payload, ChunkFiles.bodyLength(PLAIN) + 1, 1));
        InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> LogBytes.read(log));
        assertTrue(e.getMessage().endsWith("the streams take 13 bytes, the chunk header's body length is 14 (at byte 30 of the stream table)"),
                e.getMessage());
    }

    /** A 4-byte text capture, then a patch of it whose PATCHES and PATCH_DATA are left for the test to fill. */
    private static byte[][] patched() {
        byte[][] streams = with(ChunkStream.CAPTURES, 4, CaptureEncoder.MODE_TEXT << 4, CaptureEncoder.MODE_PATCH << 4);
        streams[ChunkStream.CAPTURE_FIELDS] = new byte[] {4, 1};
        streams[ChunkStream.TEXT] = new byte[] {1, 2, 3, 4};
        return streams;
    }

    /** The plain chunk's call as a SYSCALL_ENTRY: no duration, no result. */
    private static byte[][] entry() {
        byte[][] streams = with(ChunkStream.RECORDS, RecordType.SYSCALL_ENTRY, RecordType.END, 1, 1);
        streams[ChunkStream.DURATIONS] = new byte[0];
        streams[ChunkStream.DURATIONS_HIGH] = new byte[0];
        streams[ChunkStream.ARGS] = new byte[] {(byte) (RecentValues.TUPLES + 0x3f)};
        return streams;
    }

    /** The writer's own back-references and XORs read back: the forgeries above differ only in what they name. */
    @Test
    void realBackReferencesAndXorsReadBack() throws IOException {
        Capture first = new Capture(Capture.Phase.EXIT, 0x1000, 8, ByteString.copyOf(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        Capture similar = new Capture(Capture.Phase.EXIT, 0x1000, 8, ByteString.copyOf(new byte[] {1, 2, 3, 4, 5, 6, 7, 9}));
        List<TraceEvent> events = List.of(
                new Syscall(10, 5, 4, SyscallArgs.of(1, 0x1000), 3, 0, List.of(first)),
                new Syscall(20, 5, 4, SyscallArgs.of(1, 0x1000), 3, 0, List.of(similar)),
                new Syscall(30, 6, 0, SyscallArgs.of(1, 0x1000, 8), 3, 8, List.of(first)));
        assertEquals(events, LogBytes.read(LogBytes.write(events, TraceWriter.Options.DEFAULT, 10).bytes()).events());
    }

    private static byte[][] with(int stream, int... bytes) {
        byte[][] streams = PLAIN.clone();
        streams[stream] = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            streams[stream][i] = (byte) bytes[i];
        }
        return streams;
    }

    private static void assertCorrupt(String problem, byte[][] streams) {
        InvalidTraceException e = assertThrows(InvalidTraceException.class,
                () -> LogBytes.read(ChunkFiles.logWithStreams(0, 1, streams)));
        assertTrue(e.getMessage().matches("corrupt chunk at offset \\d+: .*") && e.getMessage().endsWith(problem), e.getMessage());
    }
}
