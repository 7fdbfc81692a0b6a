package dev.tracekit.stack.cfi;

import java.nio.ByteBuffer;

/**
 * The binary-search table of .eh_frame_hdr. Layout: version 1, the encodings of eh_frame_ptr,
 * fde_count and the table, then eh_frame_ptr, fde_count and sorted (initial_location,
 * fde_address) pairs. Linkers always write the table as datarel|sdata4 (0x3b), int32 values
 * relative to the header; {@link #open} returns null for anything else, and the caller then
 * indexes .eh_frame itself.
 */
public final class EhFrameHdrIndex implements FdeIndex {
    private static final int TABLE_DATAREL_SDATA4 = 0x3b;

    private final ByteBuffer buffer;
    private final long headerAddress;
    private final int table;
    private final int count;
    private final FrameSection ehFrame;

    private EhFrameHdrIndex(ByteBuffer buffer, long headerAddress, int table, int count, FrameSection ehFrame) {
        this.buffer = buffer;
        this.headerAddress = headerAddress;
        this.table = table;
        this.count = count;
        this.ehFrame = ehFrame;
    }

    /**
     * The .eh_frame pointer the header names, read from the header at buffer {@code position};
     * {@code bufferAddress} is the virtual address of buffer position 0.
     */
    public static long ehFrameAddress(ByteBuffer buffer, long bufferAddress, int position) {
        DwarfCursor cursor = new DwarfCursor(buffer, bufferAddress, position);
        if (cursor.u8() != 1) {
            throw new CfiException("unknown .eh_frame_hdr version");
        }
        int pointerEncoding = cursor.u8();
        cursor.u8();
        cursor.u8();
        return cursor.encodedPointer(pointerEncoding, bufferAddress + position);
    }

    /** The index of the header at {@code position}, or null when its table is not binary-searchable. */
    public static EhFrameHdrIndex open(ByteBuffer buffer, long bufferAddress, int position, FrameSection ehFrame) {
        DwarfCursor cursor = new DwarfCursor(buffer, bufferAddress, position);
        long headerAddress = bufferAddress + position;
        if (cursor.u8() != 1) {
            return null;
        }
        int pointerEncoding = cursor.u8();
        int countEncoding = cursor.u8();
        int tableEncoding = cursor.u8();
        if (countEncoding == DwarfCursor.PE_OMIT || tableEncoding != TABLE_DATAREL_SDATA4) {
            return null;
        }
        cursor.encodedPointer(pointerEncoding, headerAddress);
        long count = cursor.encodedPointer(countEncoding, headerAddress);
        if (count < 0 || cursor.position() + count * 8 > buffer.limit()) {
            return null;
        }
        return new EhFrameHdrIndex(buffer, headerAddress, cursor.position(), (int) count, ehFrame);
    }

    @Override
    public int candidate(long address) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long start = headerAddress + buffer.getInt(table + middle * 8);
            if (start <= address) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        return ehFrame.positionOf(headerAddress + buffer.getInt(table + found * 8 + 4));
    }
}
