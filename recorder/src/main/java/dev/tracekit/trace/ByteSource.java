package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote, within [start, limit) of an array. Every read checks
 * its bounds, and every count or length is checked against the bytes left before anything
 * is allocated, so forged input ends in a {@link MalformedException}, never in a huge array.
 */
final class ByteSource {
    private final byte[] buf;
    private final int start;
    private final String where;
    private int pos;
    private int limit;

    /** @param where what these bytes are, for error messages (as "the args stream") */
    ByteSource(String where, byte[] buf, int start, int limit) {
        this.where = where;
        this.buf = buf;
        this.start = start;
        this.pos = start;
        this.limit = limit;
    }

    /** Bytes read so far: positions count from the start, not from the array's first byte. */
    int position() {
        return pos - start;
    }

    MalformedException malformed(String message) {
        return malformed(message, position());
    }

    MalformedException malformed(String message, int position) {
        return new MalformedException(message, position, where);
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    int remaining() {
        return limit - pos;
    }

    /** Narrows the limit, returning the old one for {@link #restoreLimit}. */
    int pushLimit(int length) {
        if (length < 0 || length > remaining()) {
            throw malformed("length " + Integer.toUnsignedString(length) + " runs past the end (" + remaining() + " bytes left)");
        }
        int old = limit;
        limit = pos + length;
        return old;
    }

    void restoreLimit(int oldLimit) {
        pos = limit;
        limit = oldLimit;
    }

    int readByte() {
        if (pos >= limit) {
            throw malformed("record ends too early");
        }
        return buf[pos++] & 0xff;
    }

    long readVarLong() {
        // Most varints in a chunk are one byte.
        if (pos < limit && buf[pos] >= 0) {
            return buf[pos++];
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0x7e) != 0) {
                throw malformed("varint overflows 64 bits", position() - 1);
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    int readVarInt() {
        long value = readVarLong();
        if ((value >>> 32) != 0) {
            throw malformed("value " + Long.toUnsignedString(value) + " does not fit 32 bits");
        }
        return (int) value;
    }

    long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readSignedVarInt() {
        long value = readSignedVarLong();
        if (value != (int) value) {
            throw malformed("value " + value + " does not fit 32 bits");
        }
        return (int) value;
    }

    /** A count of items that each take at least one byte: it cannot exceed the bytes left. */
    int readCount() {
        int count = readVarInt();
        if (count < 0 || count > remaining()) {
            throw malformed("count " + Integer.toUnsignedString(count) + " exceeds the " + remaining() + " bytes left");
        }
        return count;
    }

    ByteString readBytes(int length) {
        if (length < 0 || length > remaining()) {
            throw malformed("length " + Integer.toUnsignedString(length) + " runs past the end (" + remaining() + " bytes left)");
        }
        ByteString bytes = ByteString.copyOf(buf, pos, length);
        pos += length;
        return bytes;
    }

    ByteString readLengthPrefixed() {
        return readBytes(readCount());
    }

    String readString() {
        int length = readCount();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }
}
