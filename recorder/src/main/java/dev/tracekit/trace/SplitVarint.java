package dev.tracekit.trace;

/**
 * A number as its low byte in one stream and the rest as a varint in another. Nanosecond times
 * are noise in their low bits and skewed above them: apart, deflate codes each near its entropy,
 * where one varint stream would mix both kinds of byte under one Huffman table.
 */
final class SplitVarint {
    private SplitVarint() {
    }

    static void write(long value, ByteSink low, ByteSink high) {
        low.writeByte((int) value);
        high.writeVarLong(value >>> 8);
    }

    /** Zigzag first, as {@link ByteSink#writeSignedVarLong} does, so small negative numbers stay small. */
    static void writeSigned(long value, ByteSink low, ByteSink high) {
        write((value << 1) ^ (value >> 63), low, high);
    }

    static long readSigned(ByteSource low, ByteSource high) {
        long raw = read(low, high);
        return (raw >>> 1) ^ -(raw & 1);
    }

    static long read(ByteSource low, ByteSource high) {
        int lowByte = low.readByte();
        long rest = high.readVarLong();
        if (rest >>> 56 != 0) {
            throw high.malformed("value overflows 64 bits");
        }
        return rest << 8 | lowByte;
    }
}
