package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with LEB128 varints, reused chunk after chunk. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        size = 0;
    }

    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buf[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    /** An int as an unsigned 32-bit value: tids and counts never waste ten bytes. */
    void writeVarInt(int value) {
        writeVarLong(Integer.toUnsignedLong(value));
    }

    /** Zigzag then LEB128, so small negative numbers stay small. */
    void writeSignedVarLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    void writeBytes(ByteString bytes) {
        ensure(bytes.length());
        bytes.copyTo(buf, size);
        size += bytes.length();
    }

    void writeLengthPrefixed(byte[] bytes) {
        writeVarInt(bytes.length);
        writeBytes(bytes, 0, bytes.length);
    }

    void writeString(String s) {
        writeLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeIntLE(int value) {
        ensure(4);
        putIntLE(buf, size, value);
        size += 4;
    }

    void append(ByteSink other) {
        writeBytes(other.buf, 0, other.size);
    }

    static void putIntLE(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >>> 8);
        target[at + 2] = (byte) (value >>> 16);
        target[at + 3] = (byte) (value >>> 24);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
