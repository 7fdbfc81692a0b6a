package dev.tracekit.stack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The top of a thread's stack copied while it was stopped: {@code length} bytes from
 * {@code base} (the stack pointer). Reads outside the copy go to {@code beyond}, which for a
 * live process reads single pages, and for a fixture reads nothing.
 */
public final class StackCopy implements Memory {
    private final long base;
    private final ByteBuffer bytes;
    private final int length;
    private final Memory beyond;

    public StackCopy(long base, byte[] bytes, int length, Memory beyond) {
        this.base = base;
        this.bytes = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.length = length;
        this.beyond = beyond;
    }

    @Override
    public long readLong(long address) {
        long offset = address - base;
        if (offset >= 0 && offset <= length - 8) {
            return bytes.getLong((int) offset);
        }
        return beyond.readLong(address);
    }
}
