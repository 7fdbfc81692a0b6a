package dev.tracekit.trace;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** Hand-built logs for tests that need bytes no writer would produce. */
final class ChunkFiles {
    private ChunkFiles() {
    }

    /** A file header, then one uncompressed chunk holding {@code body} with a valid checksum. */
    static byte[] logWithBody(byte[] body, int events) {
        return concat(fileHeader(), chunk(body, events));
    }

    static byte[] fileHeader() {
        LogBytes empty = LogBytes.write(List.of(), TraceWriter.Options.DEFAULT, 1);
        return Arrays.copyOf(empty.bytes(), (int) (long) empty.chunkEnds().get(0));
    }

    static byte[] chunk(byte[] body, int events) {
        byte[] chunk = new byte[LogFormat.CHUNK_HEADER_SIZE + body.length];
        System.arraycopy(LogFormat.CHUNK_MAGIC, 0, chunk, 0, 4);
        chunk[4] = LogFormat.COMPRESSION_NONE;
        ByteSink.putIntLE(chunk, 8, body.length);
        ByteSink.putIntLE(chunk, 12, body.length);
        ByteSink.putIntLE(chunk, 16, events);
        System.arraycopy(body, 0, chunk, LogFormat.CHUNK_HEADER_SIZE, body.length);
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, 20);
        crc.update(body, 0, body.length);
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
