package dev.tracekit.stack.cfi;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The .eh_frame section: CIEs and FDEs, parsed on demand and cached by position. Positions are
 * indexes into the buffer, which holds the whole file (or memory image); {@code bufferAddress}
 * is the virtual address buffer position 0 would have, so pc-relative pointers resolve.
 */
public final class EhFrame {
    private static final long EXTENDED_LENGTH = 0xffffffffL;

    private final ByteBuffer buffer;
    private final long bufferAddress;
    private final int start;
    private final int end;
    private final Map<Integer, Cie> cies = new HashMap<>();
    private final Map<Integer, Fde> fdes = new HashMap<>();

    public EhFrame(ByteBuffer buffer, long bufferAddress, int start, int end) {
        this.buffer = buffer;
        this.bufferAddress = bufferAddress;
        this.start = start;
        this.end = Math.min(end, buffer.limit());
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** The buffer position of a virtual address inside the section, or -1 outside it. */
    public int positionOf(long address) {
        long position = address - bufferAddress;
        return position >= start && position < end ? (int) position : -1;
    }

    public DwarfCursor cursor(int position) {
        return new DwarfCursor(buffer, bufferAddress, position);
    }

    /** The FDE at {@code position}, or null when a CIE (or the terminator) is there. */
    public Fde fdeAt(int position) {
        Fde cached = fdes.get(position);
        if (cached != null) {
            return cached;
        }
        Entry entry = entryAt(position);
        if (entry == null || entry.id == 0) {
            return null;
        }
        Cie cie = cieAt(entry.idPosition - (int) entry.id);
        DwarfCursor cursor = cursor(entry.bodyStart);
        long pcBegin = cursor.encodedPointer(cie.fdeEncoding(), 0);
        long pcRange = cursor.encodedPointer(cie.fdeEncoding() & 0x0f, 0);
        if (cie.hasAugmentationData()) {
            cursor.skip(cursor.uleb());
        }
        Fde fde = new Fde(pcBegin, pcBegin + pcRange, cie, cursor.position(), entry.end);
        fdes.put(position, fde);
        return fde;
    }

    public Cie cieAt(int position) {
        Cie cached = cies.get(position);
        if (cached != null) {
            return cached;
        }
        Entry entry = entryAt(position);
        if (entry == null || entry.id != 0) {
            throw new CfiException("no CIE at .eh_frame position " + position);
        }
        DwarfCursor cursor = cursor(entry.bodyStart);
        int version = cursor.u8();
        String augmentation = cursor.cString();
        if (version == 4) {
            cursor.skip(2); // address size, segment selector size
        }
        long codeAlignment = cursor.uleb();
        long dataAlignment = cursor.sleb();
        int returnAddressRegister = version == 1 ? cursor.u8() : (int) cursor.uleb();
        int fdeEncoding = 0;
        boolean signalFrame = false;
        boolean z = augmentation.startsWith("z");
        int instructionsStart;
        if (z) {
            long dataLength = cursor.uleb();
            int dataEnd = cursor.position() + (int) dataLength;
            for (int i = 1; i < augmentation.length(); i++) {
                switch (augmentation.charAt(i)) {
                    case 'R' -> fdeEncoding = cursor.u8();
                    case 'P' -> cursor.encodedPointer(cursor.u8() & 0x7f, 0); // personality routine: not needed
                    case 'L' -> cursor.u8(); // LSDA encoding: the FDE's LSDA pointer is in its skipped augmentation data
                    case 'S' -> signalFrame = true;
                    default -> { } // 'B' (aarch64 BTI), 'G' (MTE) change nothing for unwinding
                }
            }
            instructionsStart = dataEnd;
        } else if (augmentation.isEmpty()) {
            instructionsStart = cursor.position();
        } else {
            throw new CfiException("unsupported CIE augmentation \"" + augmentation + "\"");
        }
        Cie cie = new Cie(codeAlignment, dataAlignment, returnAddressRegister, fdeEncoding, z, signalFrame,
                instructionsStart, entry.end);
        cies.put(position, cie);
        return cie;
    }

    /**
     * Calls {@code visitor} with the position and pc_begin of every FDE, in section order; used
     * to index a section that has no .eh_frame_hdr.
     */
    public void forEachFde(FdeVisitor visitor) {
        int position = start;
        while (position + 4 <= end) {
            Entry entry = entryAt(position);
            if (entry == null) {
                return;
            }
            if (entry.id != 0) {
                Fde fde = fdeAt(position);
                visitor.visit(position, fde.pcBegin());
            }
            position = entry.end;
        }
    }

    public interface FdeVisitor {
        void visit(int position, long pcBegin);
    }

    /** The length and id fields of an entry; null for the zero terminator or a bad length. */
    private Entry entryAt(int position) {
        DwarfCursor cursor = cursor(position);
        long length = cursor.u32();
        if (length == 0) {
            return null;
        }
        boolean wide = length == EXTENDED_LENGTH;
        if (wide) {
            length = cursor.u64();
        }
        int idPosition = cursor.position();
        long entryEnd = idPosition + length;
        if (length < 4 || entryEnd > end) {
            throw new CfiException("bad .eh_frame entry length " + length + " at position " + position);
        }
        long id = wide ? cursor.u64() : cursor.u32();
        return new Entry(idPosition, id, cursor.position(), (int) entryEnd);
    }

    private record Entry(int idPosition, long id, int bodyStart, int end) {
    }
}
