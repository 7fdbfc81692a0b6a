package dev.tracekit.stack.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates an SHF_COMPRESSED section: an Elf64_Chdr (type, reserved, uncompressed size,
 * alignment), then the stream. Only zlib, what gcc -gz and objcopy --compress-debug-sections
 * write unless told otherwise; the JDK has no zstd.
 */
final class CompressedSection {
    private static final int HEADER_SIZE = 24;
    private static final int ELFCOMPRESS_ZLIB = 1;
    private static final long MAX_SIZE = 256 << 20;

    private CompressedSection() {
    }

    /** The uncompressed bytes, or null when the type is not zlib or the stream is corrupt. */
    static ByteBuffer inflate(ByteBuffer raw) {
        if (raw.limit() < HEADER_SIZE || raw.getInt(0) != ELFCOMPRESS_ZLIB) {
            return null;
        }
        long size = raw.getLong(8);
        if (size < 0 || size > MAX_SIZE) {
            return null;
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw.slice(HEADER_SIZE, raw.limit() - HEADER_SIZE));
            int done = 0;
            while (done < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, done, out.length - done);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null; // truncated
                }
                done += got;
            }
            return done == out.length ? ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
