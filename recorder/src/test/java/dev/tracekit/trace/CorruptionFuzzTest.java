package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated logs must end in a clean {@link InvalidTraceException} or in a correct partial read:
 * never another exception, a hang, or an allocation sized by a forged length.
 */
class CorruptionFuzzTest {
    private static final int MUTANTS = 5000;

    @Test
    void randomMutationsEndCleanly() {
        List<TraceEvent> events = new RandomEvents(99).events(400);
        for (int level : new int[] {0, 1}) {
            byte[] original = LogBytes.write(events, new TraceWriter.Options(2048, level), 50).bytes();
            Random random = new Random(level);
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                for (int i = 0; i < MUTANTS; i++) {
                    byte[] mutant = mutate(original, random);
                    checkEndsCleanly(mutant, events, "level " + level + " mutant " + i);
                }
            });
        }
    }

    /** A flipped bit anywhere after the magic is caught, by the version check or a checksum. */
    @Test
    void everySingleBitFlipIsReported() throws IOException {
        List<TraceEvent> events = new RandomEvents(5).events(40);
        byte[] original = LogBytes.write(events, LogBytes.SMALL_CHUNKS, 10).bytes();
        for (int bit = 8 * 8; bit < original.length * 8; bit++) {
            byte[] mutant = original.clone();
            mutant[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                LogBytes.Read read = LogBytes.read(mutant);
                assertTrue(!read.status().complete() && events.subList(0, read.events().size()).equals(read.events()),
                        "bit " + bit + " went unnoticed: " + read.status().message());
            } catch (InvalidTraceException expected) {
                String message = expected.getMessage();
                assertTrue(message.contains("offset") || message.contains("version")
                        || message.startsWith("truncated inside the file header"), message);
            }
        }
    }

    /**
     * Forged lengths, counts and references behind a valid checksum reach the decoder itself: it
     * must stop at the first inconsistency, without allocating what the forgery asks for. One
     * mutant in four changes the stream table, the others one stream, which the table then fits.
     */
    @Test
    void forgedBodiesWithValidChecksumsEndCleanly() throws IOException {
        List<TraceEvent> events = new RandomEvents(3).events(300);
        Random random = new Random(3);
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.start(1000);
        events.forEach(encoder::encode);
        encoder.end(events.size());
        ByteSink sink = new ByteSink(1 << 16);
        encoder.writePayload(null, sink, new StreamStats());
        byte[] payload = Arrays.copyOf(sink.array(), sink.size());
        byte[][] streams = ChunkFiles.streams(payload);
        assertEquals(events, LogBytes.read(ChunkFiles.logWithStreams(1000, events.size(), streams)).events());
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                byte[] log;
                if (i % 4 == 0) {
                    byte[] forged = mutate(payload, random);
                    log = ChunkFiles.concat(ChunkFiles.fileHeader(),
                            ChunkFiles.chunk(forged, ChunkFiles.bodyLength(streams), events.size()));
                } else {
                    byte[][] forged = streams.clone();
                    int stream = random.nextInt(forged.length);
                    forged[stream] = mutate(forged[stream], random);
                    log = ChunkFiles.logWithStreams(1000, events.size(), forged);
                }
                try {
                    LogBytes.read(log);
                } catch (InvalidTraceException expected) {
                    assertTrue(expected.getMessage().startsWith("corrupt chunk at offset "), expected.getMessage());
                }
            }
        });
    }

    private static void checkEndsCleanly(byte[] mutant, List<TraceEvent> events, String what) {
        try {
            LogBytes.Read read = LogBytes.read(mutant);
            List<TraceEvent> got = read.events();
            if (got.size() > events.size() || !events.subList(0, got.size()).equals(got)) {
                fail(what + ": read events that were never written");
            }
            if (read.status().complete()) {
                assertEquals(events, got, what + ": complete but different");
            }
        } catch (InvalidTraceException expected) {
            assertTrue(!expected.getMessage().isBlank() && !expected.getMessage().contains("\n"), what);
        } catch (Throwable unexpected) {
            throw new AssertionError(what + ": unexpected " + unexpected, unexpected);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                case 3 -> {
                    int length = Math.min(4, bytes.length - at);
                    for (int i = 0; i < length; i++) {
                        bytes[at + i] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
                    }
                }
                case 4 -> {
                    byte[] longer = new byte[bytes.length + 1 + random.nextInt(8)];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(bytes, at, longer, longer.length - (bytes.length - at), bytes.length - at);
                    bytes = longer;
                }
                default -> {
                    int length = Math.min(1 + random.nextInt(8), bytes.length - at);
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                }
            }
        }
        return bytes;
    }
}
