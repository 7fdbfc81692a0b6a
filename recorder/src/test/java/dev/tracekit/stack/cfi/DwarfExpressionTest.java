package dev.tracekit.stack.cfi;

import dev.tracekit.stack.Memory;
import dev.tracekit.stack.RegisterSet;
import dev.tracekit.stack.StackCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The expressions real CFI uses, as byte arrays, evaluated against hand-set registers and memory. */
class DwarfExpressionTest {
    private final DwarfExpression expression = new DwarfExpression();
    private final RegisterSet registers = new RegisterSet();

    private long evaluate(byte[] code, Memory memory, boolean pushInitial, long initial) {
        return expression.evaluate(ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN), 0, code.length, registers, memory,
                pushInitial, initial);
    }

    /**
     * glibc's .plt rule: CFA = rsp + 8 + ((rip & 15) >= 11) << 3. The first 11 bytes of a PLT
     * entry run before its push; after it, the CFA is 8 further up.
     */
    @ParameterizedTest
    @CsvSource({"0x1000, 0x7ff0", "0x100a, 0x7ff0", "0x100b, 0x7ff8", "0x100f, 0x7ff8"})
    void pltRule(long rip, long cfa) {
        registers.set(RegisterSet.RSP, 0x7fe8);
        registers.set(RegisterSet.RIP, rip);
        byte[] plt = bytes(0x77, 8, 0x80, 0, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22);
        assertEquals(cfa, evaluate(plt, Memory.NONE, false, 0));
    }

    /** __restore_rt: CFA = *(rsp + 160), the interrupted rsp saved in the ucontext. */
    @Test
    void signalFrameCfaIsReadThroughMemory() {
        byte[] stack = new byte[256];
        ByteBuffer.wrap(stack).order(ByteOrder.LITTLE_ENDIAN).putLong(160, 0x7fff1234L);
        registers.set(RegisterSet.RSP, 0x5000);
        byte[] code = bytes(0x77, 0xa0, 0x01, 0x06); // breg7 +160; deref
        assertEquals(0x7fff1234L, evaluate(code, new StackCopy(0x5000, stack, stack.length, Memory.NONE), false, 0));
    }

    /** Stack realignment (main with -mstackrealign, or AVX code): CFA = *(rbp - 8). */
    @Test
    void realignedFrame() {
        byte[] stack = new byte[64];
        ByteBuffer.wrap(stack).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 0x9000);
        registers.set(RegisterSet.RBP, 0x4010);
        assertEquals(0x9000, evaluate(bytes(0x76, 0x78, 0x06), new StackCopy(0x4000, stack, 64, Memory.NONE), false, 0));
    }

    /** Register rules start with the CFA on the stack: DW_CFA_expression r, [lit8, minus] is CFA - 8. */
    @Test
    void registerRulesStartWithTheCfa() {
        assertEquals(0x1000 - 8, evaluate(bytes(0x38, 0x1c), Memory.NONE, true, 0x1000));
    }

    @ParameterizedTest
    @CsvSource({
            "'08 ff', 255", "'09 ff', -1", "'0a 34 12', 0x1234", "'0b fe ff', -2", "'0c 78 56 34 12', 0x12345678",
            "'0d ff ff ff ff', -1", "'10 e5 8e 26', 624485", "'11 7f', -1", "'35 23 10', 21", "'3a 33 1e', 30",
            "'31 3f 24', 0x8000", "'36 33 1c', 3", "'36 33 2a', 1", "'33 36 2a', 0", "'33 33 29', 1", "'33 34 2e', 1",
            "'3f 3c 1a', 12", "'32 12 22', 4", "'32 33 16 1c', 1", "'31 32 14 22 22', 4"})
    void arithmetic(String hex, long expected) {
        String[] parts = hex.split(" ");
        byte[] code = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            code[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        assertEquals(expected, evaluate(code, Memory.NONE, false, 0));
    }

    @Test
    void unknownRegistersAndOpsAndUnderflowFail() {
        assertThrows(CfiException.class, () -> evaluate(bytes(0x76, 0), Memory.NONE, false, 0)); // rbp not known
        assertThrows(CfiException.class, () -> evaluate(bytes(0xe0), Memory.NONE, false, 0));
        assertThrows(CfiException.class, () -> evaluate(bytes(0x22), Memory.NONE, false, 0));
    }
}
