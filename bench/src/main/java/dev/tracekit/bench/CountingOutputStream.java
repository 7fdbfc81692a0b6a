package dev.tracekit.bench;

import java.io.OutputStream;

/** Discards what it is given and counts it: the log's size without the disk's speed in the way. */
final class CountingOutputStream extends OutputStream {
    private long count;

    long count() {
        return count;
    }

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        count += length;
    }
}
