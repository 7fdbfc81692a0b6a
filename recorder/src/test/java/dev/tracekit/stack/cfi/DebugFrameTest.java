package dev.tracekit.stack.cfi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.bytes;
import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * .debug_frame written by hand in each shape compilers and assemblers emit: CIE versions 1, 3
 * and 4 (which adds address and segment sizes), the 32-bit and the 64-bit DWARF format, FDEs
 * naming their CIE by its offset from the section start and giving absolute addresses. The
 * section sits after other bytes in its buffer, as it does inside a file.
 */
class DebugFrameTest {
    private static final int SECTION_START = 16;

    private final ByteArrayOutputStream section = new ByteArrayOutputStream();
    private final CfiInterpreter interpreter = new CfiInterpreter();
    private final UnwindRow row = new UnwindRow();

    /** A CIE whose initial row is CFA = rsp + {@code cfaOffset}, return address at CFA - 8. */
    private int cie(int version, boolean wide, int cfaOffset) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version);
        body.write(0); // augmentation ""
        if (version == 4) {
            body.writeBytes(bytes(8, 0)); // address size, segment selector size
        }
        body.writeBytes(bytes(1, 0x78, 16)); // code alignment 1, data alignment -8, return address column 16
        body.writeBytes(bytes(0x0c, 7, cfaOffset, 0x80 | 16, 1));
        return entry(wide, wide ? -1L : 0xffffffffL, body.toByteArray());
    }

    private void fde(boolean wide, int cie, long pcBegin, long pcRange, byte[] instructions) {
        ByteBuffer body = ByteBuffer.allocate(16 + instructions.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(pcBegin).putLong(pcRange).put(instructions);
        entry(wide, cie, body.array());
    }

    /** Writes an entry, 8-aligned with DW_CFA_nop padding; returns its offset in the section. */
    private int entry(boolean wide, long id, byte[] body) {
        int offset = section.size();
        int header = wide ? 12 : 4;
        int idSize = wide ? 8 : 4;
        int length = (idSize + body.length + header + 7) / 8 * 8 - header;
        ByteBuffer entry = ByteBuffer.allocate(header + length).order(ByteOrder.LITTLE_ENDIAN);
        if (wide) {
            entry.putInt(0xffffffff).putLong(length).putLong(id);
        } else {
            entry.putInt(length).putInt((int) id);
        }
        entry.put(body);
        section.writeBytes(entry.array());
        return offset;
    }

    private CfiTable table() {
        byte[] buffer = concat(new byte[SECTION_START], section.toByteArray());
        return CfiTable.scanned(FrameSection.debugFrame(ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN),
                SECTION_START, buffer.length));
    }

    private long cfaOffsetAt(CfiTable table, long address) {
        interpreter.rowAt(table.find(address), address, row);
        return row.cfaOffset;
    }

    @Test
    void everyCieVersionAndFormat() {
        int version1 = cie(1, false, 8);
        int version4 = cie(4, false, 16);
        fde(false, version4, 0x401000, 0x20, bytes(0x44, 0x0e, 32)); // +4: CFA rsp + 32
        int wide = cie(3, true, 24);
        fde(true, wide, 0x402000, 0x10, bytes());
        fde(false, version1, 0x403000, 0x10, bytes());

        CfiTable table = table();

        assertEquals(16, cfaOffsetAt(table, 0x401000));
        assertEquals(32, cfaOffsetAt(table, 0x401004));
        assertEquals(24, cfaOffsetAt(table, 0x40200f));
        assertEquals(8, cfaOffsetAt(table, 0x403000));
        assertEquals(UnwindRow.OFFSET, row.kind[16]);
        assertEquals(-8, row.value[16]);
        assertNull(table.find(0x401020), "between FDEs");
        assertNull(table.find(0x400fff), "below every FDE");
    }

    @Test
    void anFdeNamingNoCieFails() {
        cie(1, false, 8);
        fde(false, 0x1000, 0x401000, 0x20, bytes());
        assertThrows(CfiException.class, this::table);
    }
}
