package dev.tracekit.stack.cfi;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A .eh_frame or .debug_frame section: CIEs and FDEs, parsed on demand and cached by position.
 * Positions are indexes into the buffer, which may hold the whole file (or memory image);
 * {@code bufferAddress} is the virtual address buffer position 0 would have, so pc-relative
 * pointers resolve.
 * <p>
 * The two formats differ in three places: a CIE's id is 0 in .eh_frame and all ones in
 * .debug_frame; an FDE points to its CIE backwards from the pointer in .eh_frame and from the
 * section start in .debug_frame; and .debug_frame's pc_begin is an absolute address of the CIE's
 * address size, where .eh_frame encodes it as the CIE's 'R' augmentation says.
 */
public final class FrameSection {
    private static final long EXTENDED_LENGTH = 0xffffffffL;
    private static final long DEBUG_FRAME_CIE_ID = 0xffffffffL;
    private static final long DEBUG_FRAME_CIE_ID_64 = -1L;
    private static final int PE_ABSPTR = 0x00;
    private static final int PE_UDATA4 = 0x03;

    private final ByteBuffer buffer;
    private final long bufferAddress;
    private final int start;
    private final int end;
    private final boolean debugFrame;
    private final Map<Integer, Cie> cies = new HashMap<>();
    private final Map<Integer, Fde> fdes = new HashMap<>();

    private FrameSection(ByteBuffer buffer, long bufferAddress, int start, int end, boolean debugFrame) {
        this.buffer = buffer;
        this.bufferAddress = bufferAddress;
        this.start = start;
        this.end = Math.min(end, buffer.limit());
        this.debugFrame = debugFrame;
    }

    /** The .eh_frame section at buffer positions [start, end). */
    public static FrameSection ehFrame(ByteBuffer buffer, long bufferAddress, int start, int end) {
        return new FrameSection(buffer, bufferAddress, start, end, false);
    }

    /** A .debug_frame section at buffer positions [start, end); its addresses are absolute. */
    public static FrameSection debugFrame(ByteBuffer buffer, int start, int end) {
        return new FrameSection(buffer, 0, start, end, true);
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
        if (entry == null || isCie(entry)) {
            return null;
        }
        long ciePosition = debugFrame ? start + entry.id : entry.idPosition - entry.id;
        if (ciePosition < start || ciePosition >= end) {
            throw new CfiException("the FDE at position " + position + " points outside its section for its CIE");
        }
        Cie cie = cieAt((int) ciePosition);
        DwarfCursor cursor = cursor(entry.bodyStart);
        long pcBegin = cursor.encodedPointer(cie.fdeEncoding(), 0);
        long pcRange = cursor.encodedPointer(cie.fdeEncoding() & 0x0f, 0);
        if (cie.hasAugmentationData()) {
            cursor.skip(cursor.uleb());
        }
        Fde fde = new Fde(pcBegin, pcBegin + pcRange, cie, this, cursor.position(), entry.end);
        fdes.put(position, fde);
        return fde;
    }

    public Cie cieAt(int position) {
        Cie cached = cies.get(position);
        if (cached != null) {
            return cached;
        }
        Entry entry = entryAt(position);
        if (entry == null || !isCie(entry)) {
            throw new CfiException("no CIE at position " + position);
        }
        DwarfCursor cursor = cursor(entry.bodyStart);
        int version = cursor.u8();
        String augmentation = cursor.cString();
        int addressSize = 8;
        if (version == 4) {
            addressSize = cursor.u8();
            cursor.u8(); // segment selector size: 0 on every flat-memory target
        }
        long codeAlignment = cursor.uleb();
        long dataAlignment = cursor.sleb();
        int returnAddressRegister = version == 1 ? cursor.u8() : (int) cursor.uleb();
        int fdeEncoding = debugFrame && addressSize == 4 ? PE_UDATA4 : PE_ABSPTR;
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
            if (!isCie(entry)) {
                Fde fde = fdeAt(position);
                visitor.visit(position, fde.pcBegin());
            }
            position = entry.end;
        }
    }

    public interface FdeVisitor {
        void visit(int position, long pcBegin);
    }

    private boolean isCie(Entry entry) {
        if (!debugFrame) {
            return entry.id == 0;
        }
        return entry.id == (entry.wide ? DEBUG_FRAME_CIE_ID_64 : DEBUG_FRAME_CIE_ID);
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
            throw new CfiException("bad CFI entry length " + length + " at position " + position);
        }
        long id = wide ? cursor.u64() : cursor.u32();
        return new Entry(idPosition, wide, id, cursor.position(), (int) entryEnd);
    }

    private record Entry(int idPosition, boolean wide, long id, int bodyStart, int end) {
    }
}
