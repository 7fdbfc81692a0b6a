package dev.tracekit.strace;

import dev.tracekit.trace.event.ByteString;

/** Little-endian reads from captured memory; the structs decoders read are x86_64 ones. */
final class Bytes {
    private final ByteString bytes;

    Bytes(ByteString bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length();
    }

    /** Whether {@code [offset, offset + size)} was captured. */
    boolean has(int offset, int size) {
        return offset >= 0 && offset + size <= bytes.length();
    }

    int u8(int offset) {
        return bytes.byteAt(offset) & 0xff;
    }

    int u16(int offset) {
        return u8(offset) | u8(offset + 1) << 8;
    }

    int s32(int offset) {
        return u8(offset) | u8(offset + 1) << 8 | u8(offset + 2) << 16 | u8(offset + 3) << 24;
    }

    long u32(int offset) {
        return s32(offset) & 0xffffffffL;
    }

    long s64(int offset) {
        return u32(offset) | (long) s32(offset + 4) << 32;
    }

    /** Big-endian 16 bits: a port number in a sockaddr. */
    int be16(int offset) {
        return u8(offset) << 8 | u8(offset + 1);
    }

    /** The bytes up to (not including) the first NUL at or after {@code offset}, within {@code max}. */
    int cStringLength(int offset, int max) {
        int end = Math.min(bytes.length(), offset + max);
        int i = offset;
        while (i < end && bytes.byteAt(i) != 0) {
            i++;
        }
        return i - offset;
    }

    byte[] copy(int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = bytes.byteAt(offset + i);
        }
        return out;
    }
}
