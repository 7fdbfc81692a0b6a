package dev.tracekit.perf;

import dev.tracekit.ptrace.PerfCalls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One mmapped perf ring buffer: a control page (struct perf_event_mmap_page), then 2^n pages of
 * records that the kernel appends at data_head and that we consume by moving data_tail. Head and
 * tail count bytes since the start and only grow; a position is taken modulo the data size, so a
 * record may wrap around the end (its 8-byte words never do: records are multiples of 8).
 * <p>
 * Ordering, as perf_event.h prescribes: the head is read with acquire semantics before the
 * records it covers, and the tail is written with release semantics after they were read, so
 * that the kernel does not overwrite a record still being copied. Read by one thread at a time.
 */
final class PerfRing {
    static final int PAGE = 4096;
    private static final int DATA_HEAD = 1024;
    private static final int DATA_TAIL = 1032;
    private static final int DATA_OFFSET = 1040;
    private static final int HEADER_BYTES = 8;
    private static final VarHandle WORDS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final long address;
    private final long mappedBytes;
    private final ByteBuffer buffer;
    private final int dataOffset;
    private final long dataMask;
    private final int dataPages;

    /** What to do with each record: false leaves it, and every later one, for the next call. */
    interface RecordVisitor {
        boolean visit(int type, long position, int size);
    }

    /** The ring the caller mapped at {@code address}: a control page and {@code dataPages} (a power of two) data pages. */
    PerfRing(long address, int dataPages) {
        this.address = address;
        this.mappedBytes = (long) (dataPages + 1) * PAGE;
        this.buffer = PerfCalls.buffer(address, (int) mappedBytes);
        long offset = buffer.getLong(DATA_OFFSET);
        this.dataOffset = offset == 0 ? PAGE : (int) offset; // 0 before Linux 4.1: data follows the first page
        this.dataMask = (long) dataPages * PAGE - 1;
        this.dataPages = dataPages;
    }

    int dataPages() {
        return dataPages;
    }

    /**
     * Hands each complete record to {@code visitor} in the order written, then frees the space
     * of those it took. Returns how many it took.
     */
    int read(RecordVisitor visitor) {
        long head = (long) WORDS.getAcquire(buffer, DATA_HEAD);
        long tail = buffer.getLong(DATA_TAIL);
        int taken = 0;
        while (tail < head) {
            long header = word(tail);
            int type = (int) header;
            int size = (int) (header >>> 48);
            if (size < HEADER_BYTES || tail + size > head) {
                tail = head; // cannot happen with a sane kernel; dropping the rest beats looping on it
                break;
            }
            if (!visitor.visit(type, tail, size)) {
                break;
            }
            tail += size;
            taken++;
        }
        WORDS.setRelease(buffer, DATA_TAIL, tail);
        return taken;
    }

    /** The 8-byte word at ring position {@code position}. */
    long word(long position) {
        return buffer.getLong(dataOffset + (int) (position & dataMask));
    }

    /** {@code length} bytes from ring position {@code position}, across the end of the ring if need be. */
    void copy(long position, byte[] target, int length) {
        int start = (int) (position & dataMask);
        int first = (int) Math.min(length, dataMask + 1 - start);
        buffer.get(dataOffset + start, target, 0, first);
        if (first < length) {
            buffer.get(dataOffset, target, first, length - first);
        }
    }

    void unmap() {
        PerfCalls.unmap(address, mappedBytes);
    }
}
