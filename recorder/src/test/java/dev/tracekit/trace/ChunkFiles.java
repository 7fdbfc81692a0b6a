package dev.tracekit.trace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** Hand-built logs for tests that need bytes no writer would produce. */
final class ChunkFiles {
    private ChunkFiles() {
    }

    /** A file header, then one uncompressed chunk of these streams (stream i is streams[i]) with a valid checksum. */
    static byte[] logWithStreams(long baseTime, int events, byte[]... streams) {
        return concat(fileHeader(), chunk(payload(baseTime, streams), bodyLength(streams), events));
    }

    static byte[] fileHeader() {
        LogBytes empty = LogBytes.write(List.of(), TraceWriter.Options.DEFAULT, 1);
        return Arrays.copyOf(empty.bytes(), (int) (long) empty.chunkEnds().get(0));
    }

    /** Base time, stream table, streams: each stored as is. */
    static byte[] payload(long baseTime, byte[]... streams) {
        ByteSink out = new ByteSink(256);
        out.writeSignedVarLong(baseTime);
        out.writeVarInt(streams.length);
        for (byte[] stream : streams) {
            out.writeVarInt(stream.length);
            out.writeVarInt(stream.length);
        }
        for (byte[] stream : streams) {
            out.writeBytes(stream, 0, stream.length);
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    /** The streams of an uncompressed chunk's payload, for tests that change them and build it again. */
    static byte[][] streams(byte[] payload) {
        ByteSource table = new ByteSource("test payload", payload, 0, payload.length);
        table.readSignedVarLong();
        int count = table.readCount();
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = table.readVarInt();
            table.readVarInt();
        }
        List<byte[]> streams = new ArrayList<>();
        int at = table.position();
        for (int length : lengths) {
            streams.add(Arrays.copyOfRange(payload, at, at + length));
            at += length;
        }
        return streams.toArray(byte[][]::new);
    }

    static int bodyLength(byte[]... streams) {
        int length = 0;
        for (byte[] stream : streams) {
            length += stream.length;
        }
        return length;
    }

    /** An uncompressed chunk: header with a valid checksum, then the payload. */
    static byte[] chunk(byte[] payload, int bodyLength, int events) {
        byte[] chunk = new byte[LogFormat.CHUNK_HEADER_SIZE + payload.length];
        System.arraycopy(LogFormat.CHUNK_MAGIC, 0, chunk, 0, 4);
        chunk[4] = LogFormat.COMPRESSION_NONE;
        ByteSink.putIntLE(chunk, 8, payload.length);
        ByteSink.putIntLE(chunk, 12, bodyLength);
        ByteSink.putIntLE(chunk, 16, events);
        System.arraycopy(payload, 0, chunk, LogFormat.CHUNK_HEADER_SIZE, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, 20);
        crc.update(payload, 0, payload.length);
        ByteSink.putIntLE(chunk, 20, (int) crc.getValue());
        return chunk;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
