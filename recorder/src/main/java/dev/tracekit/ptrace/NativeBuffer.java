package dev.tracekit.ptrace;

import jnr.ffi.Pointer;

/** A fixed block of native memory, allocated once and reused on the hot path. */
public final class NativeBuffer {
    private final Pointer pointer;
    private final long address;
    private final int size;

    public NativeBuffer(int size) {
        this.pointer = Native.allocate(size);
        this.address = pointer.address();
        this.size = size;
    }

    public long address() {
        return address;
    }

    public int size() {
        return size;
    }

    public int getInt(long offset) {
        return pointer.getInt(offset);
    }

    public long getLong(long offset) {
        return pointer.getLongLong(offset);
    }

    public byte getByte(long offset) {
        return pointer.getByte(offset);
    }

    public void putInt(long offset, int value) {
        pointer.putInt(offset, value);
    }

    public void putLong(long offset, long value) {
        pointer.putLongLong(offset, value);
    }

    public void get(long offset, byte[] target, int targetOffset, int length) {
        pointer.get(offset, target, targetOffset, length);
    }

    public void put(long offset, byte[] source, int sourceOffset, int length) {
        pointer.put(offset, source, sourceOffset, length);
    }
}
