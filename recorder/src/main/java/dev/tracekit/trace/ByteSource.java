package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote, within [position, limit) of an array. Every read checks
 * its bounds, and every count or length is checked against the bytes left before anything
 * is allocated, so forged input ends in a {@link MalformedException}, never in a huge array.
 */
final class ByteSource {
    private final byte[] buf;
    private int pos;
    private int limit;

    ByteSource(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
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
            throw new MalformedException("length " + Integer.toUnsignedString(length) + " runs past the end (" + remaining() + " bytes left)", pos);
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
            throw new MalformedException("record ends too early", pos);
        }
        return buf[pos++] & 0xff;
    }

    long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0x7e) != 0) {
                throw new MalformedException("varint overflows 64 bits", pos - 1);
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedException("varint longer than 10 bytes", pos);
    }

    int readVarInt() {
        long value = readVarLong();
        if ((value >>> 32) != 0) {
            throw new MalformedException("value " + Long.toUnsignedString(value) + " does not fit 32 bits", pos);
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
            throw new MalformedException("value " + value + " does not fit 32 bits", pos);
        }
        return (int) value;
    }

    /** A count of items that each take at least one byte: it cannot exceed the bytes left. */
    int readCount() {
        int count = readVarInt();
        if (count < 0 || count > remaining()) {
            throw new MalformedException("count " + Integer.toUnsignedString(count) + " exceeds the " + remaining() + " bytes left", pos);
        }
        return count;
    }

    ByteString readBytes(int length) {
        if (length < 0 || length > remaining()) {
            throw new MalformedException("length " + Integer.toUnsignedString(length) + " runs past the end (" + remaining() + " bytes left)", pos);
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

    void skip(int length) {
        if (length < 0 || length > remaining()) {
            throw new MalformedException("cannot skip " + length + " bytes, " + remaining() + " left", pos);
        }
        pos += length;
    }
}
