package dev.tracekit.stack.cfi;

import java.nio.ByteBuffer;

/**
 * Reads DWARF-encoded values from a little-endian buffer at a moving position. {@code address}
 * is the virtual address of buffer position 0, for pc-relative pointers.
 */
public final class DwarfCursor {
    public static final int PE_OMIT = 0xff;
    private static final int PE_ABSPTR = 0x00;
    private static final int PE_ULEB128 = 0x01;
    private static final int PE_UDATA2 = 0x02;
    private static final int PE_UDATA4 = 0x03;
    private static final int PE_UDATA8 = 0x04;
    private static final int PE_SLEB128 = 0x09;
    private static final int PE_SDATA2 = 0x0a;
    private static final int PE_SDATA4 = 0x0b;
    private static final int PE_SDATA8 = 0x0c;
    private static final int PE_PCREL = 0x10;
    private static final int PE_DATAREL = 0x30;
    private static final int PE_INDIRECT = 0x80;

    private final ByteBuffer buffer;
    private final long address;
    private int position;

    public DwarfCursor(ByteBuffer buffer, long address, int position) {
        this.buffer = buffer;
        this.address = address;
        this.position = position;
    }

    public int position() {
        return position;
    }

    public void seek(int newPosition) {
        position = newPosition;
    }

    public void skip(long bytes) {
        position = Math.addExact(position, Math.toIntExact(bytes));
    }

    public long addressOf(int bufferPosition) {
        return address + bufferPosition;
    }

    public int u8() {
        return Byte.toUnsignedInt(buffer.get(position++));
    }

    public int u16() {
        int value = Short.toUnsignedInt(buffer.getShort(position));
        position += 2;
        return value;
    }

    public long u32() {
        long value = Integer.toUnsignedLong(buffer.getInt(position));
        position += 4;
        return value;
    }

    public int s32() {
        int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    public long u64() {
        long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    public long uleb() {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                value |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    public long sleb() {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                value |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    /** A NUL-terminated ASCII string. */
    public String cString() {
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = u8()) != 0) {
            text.append((char) b);
        }
        return text.toString();
    }

    /**
     * A pointer in a DW_EH_PE encoding. {@code dataBase} is the base of datarel pointers (the
     * start of .eh_frame_hdr). Indirect pointers cannot be followed in a file and are refused.
     */
    public long encodedPointer(int encoding, long dataBase) {
        if (encoding == PE_OMIT) {
            return 0;
        }
        long at = addressOf(position);
        long value = switch (encoding & 0x0f) {
            case PE_ABSPTR, PE_UDATA8, PE_SDATA8 -> u64();
            case PE_ULEB128 -> uleb();
            case PE_UDATA2 -> u16();
            case PE_UDATA4 -> u32();
            case PE_SLEB128 -> sleb();
            case PE_SDATA2 -> (long) (short) u16();
            case PE_SDATA4 -> s32();
            default -> throw new CfiException("unknown pointer encoding 0x" + Integer.toHexString(encoding));
        };
        switch (encoding & 0x70) {
            case 0 -> { }
            case PE_PCREL -> value += at;
            case PE_DATAREL -> value += dataBase;
            default -> throw new CfiException("unsupported pointer application 0x" + Integer.toHexString(encoding));
        }
        if ((encoding & PE_INDIRECT) != 0) {
            throw new CfiException("indirect pointer in CFI");
        }
        return value;
    }
}
