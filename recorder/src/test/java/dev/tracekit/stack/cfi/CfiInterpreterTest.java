package dev.tracekit.stack.cfi;

import org.junit.jupiter.api.Test;

import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.bytes;
import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CFA programs written by hand, run to the row at chosen addresses. */
class CfiInterpreterTest {
    private static final long BASE = 0x400000;
    private final CfiInterpreter interpreter = new CfiInterpreter();
    private final UnwindRow row = new UnwindRow();

    /** A function with a push/pop prologue and an early return in the middle, as GCC writes it. */
    private static final byte[] PUSH_RBX_EARLY_RETURN = concat(
            bytes(0x41, 0x0e, 16, 0x83, 2), // +1: push rbx -> CFA rsp+16, rbx at CFA-16
            bytes(0x45, 0x0a, 0x0e, 8), // +6: remember_state; pop rbx -> CFA rsp+8
            bytes(0xc3), // restore rbx
            bytes(0x41, 0x0b), // +7: restore_state: back to the body's row
            bytes(0x02, 0x10, 0x0e, 0x20), // advance_loc1 16 (+23): CFA rsp+32
            bytes(0x03, 0x00, 0x01, 0x13, 0x7c)); // advance_loc2 256 (+279): def_cfa_offset_sf -4*-8 = 32 again

    private FrameSection frame() {
        return EhFrameBuilder.standard(BASE + 0x100000)
                .fde(BASE + 0x1000, 0x200, PUSH_RBX_EARLY_RETURN)
                .fde(BASE + 0x2000, 0x10, bytes(0x07, 16)) // undefined return address: outermost
                .ehFrame();
    }

    private Fde fdeAt(FrameSection ehFrame, long address) {
        Fde fde = CfiTable.scanned(ehFrame).find(address);
        assertTrue(fde != null && fde.covers(address), "an FDE covers 0x" + Long.toHexString(address));
        return fde;
    }

    private void rowAt(long address) {
        FrameSection ehFrame = frame();
        interpreter.rowAt(fdeAt(ehFrame, address), address, row);
    }

    @Test
    void entryRowIsTheCies() {
        rowAt(BASE + 0x1000);
        assertEquals(UnwindRow.CFA_REGISTER_OFFSET, row.cfaKind);
        assertEquals(7, row.cfaRegister);
        assertEquals(8, row.cfaOffset);
        assertEquals(UnwindRow.OFFSET, row.kind[16]);
        assertEquals(-8, row.value[16]);
        assertEquals(UnwindRow.SAME, row.kind[3]);
    }

    @Test
    void afterThePushRbxIsSaved() {
        rowAt(BASE + 0x1001);
        assertEquals(16, row.cfaOffset);
        assertEquals(UnwindRow.OFFSET, row.kind[3]);
        assertEquals(-16, row.value[3]);
    }

    @Test
    void earlyReturnPopsAndRestores() {
        rowAt(BASE + 0x1006);
        assertEquals(8, row.cfaOffset);
        assertEquals(UnwindRow.SAME, row.kind[3], "DW_CFA_restore brings back the CIE's rule: none");
    }

    @Test
    void restoreStateReturnsToTheRememberedRow() {
        rowAt(BASE + 0x1007);
        assertEquals(16, row.cfaOffset);
        assertEquals(UnwindRow.OFFSET, row.kind[3]);
    }

    @Test
    void wideAdvancesAndFactoredOffsets() {
        rowAt(BASE + 0x1016);
        assertEquals(16, row.cfaOffset, "one byte before the advance_loc1 target");
        rowAt(BASE + 0x1017);
        assertEquals(32, row.cfaOffset);
        rowAt(BASE + 0x1117);
        assertEquals(32, row.cfaOffset, "def_cfa_offset_sf is factored by the data alignment");
    }

    @Test
    void undefinedReturnAddressMarksTheOutermostFrame() {
        rowAt(BASE + 0x2004);
        assertEquals(UnwindRow.UNDEFINED, row.kind[16]);
    }

    @Test
    void fdesHaveGaps() {
        CfiTable table = CfiTable.scanned(frame());
        assertNull(table.find(BASE + 0x1200), "past the first FDE's end");
        assertNull(table.find(BASE + 0x0fff), "below every FDE");
        assertEquals(BASE + 0x2000, table.find(BASE + 0x200f).pcBegin());
    }

    @Test
    void registerExpressionAndValueRules() {
        byte[] program = concat(
                bytes(0x0f, 3, 0x77, 0x10, 0x06), // def_cfa_expression: *(rsp + 16)
                bytes(0x10, 6, 2, 0x76, 0x08), // rbp: expression rbp+8
                bytes(0x16, 3, 1, 0x30), // rbx: val_expression lit0
                bytes(0x14, 12, 2), // r12: val_offset CFA - 16
                bytes(0x09, 13, 14), // r13 is in r14
                bytes(0x08, 16)); // same_value on the return address
        FrameSection ehFrame = EhFrameBuilder.standard(BASE).fde(BASE + 0x10, 0x10, program).ehFrame();
        interpreter.rowAt(fdeAt(ehFrame, BASE + 0x10), BASE + 0x10, row);
        assertEquals(UnwindRow.CFA_EXPRESSION, row.cfaKind);
        assertEquals(3, UnwindRow.expressionLength(row.cfaExpression()));
        assertEquals(UnwindRow.EXPRESSION, row.kind[6]);
        assertEquals(UnwindRow.VAL_EXPRESSION, row.kind[3]);
        assertEquals(UnwindRow.VAL_OFFSET, row.kind[12]);
        assertEquals(-16, row.value[12]);
        assertEquals(UnwindRow.REGISTER, row.kind[13]);
        assertEquals(14, row.value[13]);
        assertEquals(UnwindRow.SAME, row.kind[16]);
    }

    @Test
    void signalFrameAugmentation() {
        FrameSection ehFrame = EhFrameBuilder.signalFrames(BASE).fde(BASE + 0x10, 0x10, bytes()).ehFrame();
        assertTrue(fdeAt(ehFrame, BASE + 0x10).cie().signalFrame());
        assertFalse(fdeAt(frame(), BASE + 0x1000).cie().signalFrame());
    }

    @Test
    void malformedProgramsFail() {
        FrameSection unknown = EhFrameBuilder.standard(BASE).fde(BASE, 0x10, bytes(0x3f)).ehFrame();
        assertThrows(CfiException.class, () -> interpreter.rowAt(fdeAt(unknown, BASE), BASE + 4, row));
        FrameSection unbalanced = EhFrameBuilder.standard(BASE).fde(BASE, 0x10, bytes(0x0b)).ehFrame();
        assertThrows(CfiException.class, () -> interpreter.rowAt(fdeAt(unbalanced, BASE), BASE + 4, row));
    }
}
