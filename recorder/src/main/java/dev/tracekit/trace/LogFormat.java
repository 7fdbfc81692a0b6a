package dev.tracekit.trace;

import java.nio.charset.StandardCharsets;

/** The numbers that define the on-disk layout; docs/format.md describes each. */
public final class LogFormat {
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 0;

    /** The file starts with these 8 bytes. */
    static final byte[] FILE_MAGIC = "TRACEKIT".getBytes(StandardCharsets.US_ASCII);
    /** magic, major u16, minor u16, header length u32, CRC32C u32. */
    static final int FILE_PREAMBLE_SIZE = 20;
    static final int MAX_HEADER_SIZE = 1 << 20;

    /** Every chunk starts with these 4 bytes. */
    static final byte[] CHUNK_MAGIC = "TKCH".getBytes(StandardCharsets.US_ASCII);
    /** magic, compression u8, 3 reserved, stored length u32, body length u32, events u32, CRC32C u32. */
    static final int CHUNK_HEADER_SIZE = 24;
    /** Neither a chunk's stored payload nor its body (its streams before compression) may be larger. */
    static final int MAX_CHUNK_SIZE = 16 << 20;

    static final int COMPRESSION_NONE = 0;
    static final int COMPRESSION_DEFLATE = 1;

    private LogFormat() {
    }
}
