package dev.tracekit.stack;

import dev.tracekit.stack.cfi.EhFrameBuilder;
import dev.tracekit.stack.elf.ElfImage;
import dev.tracekit.stack.elf.SymbolTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.bytes;
import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unwinder on a captured-style fixture, with no live process: registers, stack bytes and
 * a module built by hand. Code (file addresses, loaded at bias 0x10000):
 * leaf 0x1000 (frameless), mid 0x1100 (pushes rbx), framed 0x1200 (rbp-based CFA),
 * _start 0x1300 (return address undefined), a signal trampoline at 0x1400 ('S', CFA and rip
 * read from the ucontext as glibc's __restore_rt), musl's trampoline at 0x1500 (code without
 * CFI, after a nop as musl has it), and JIT code without CFI at 0x50000000.
 */
class UnwinderFixtureTest {
    private static final long BIAS = 0x10000;
    private static final long STACK = 0x7000;
    private static final long JIT = 0x50000000L;
    private static final byte[] MUSL_RESTORE_RT = {(byte) 0x90, 0x48, (byte) 0xc7, (byte) 0xc0, 0x0f, 0, 0, 0, 0x0f, 0x05};

    private final byte[] stackBytes = new byte[0x400];
    private final ByteBuffer stack = ByteBuffer.wrap(stackBytes).order(ByteOrder.LITTLE_ENDIAN);
    private final RegisterSet registers = new RegisterSet();
    private LoadedModule elf;
    private Modules modules;

    @BeforeEach
    void module() throws Exception {
        byte[] ehFrame = EhFrameBuilder.standard(0x8000)
                .fde(0x1000, 0x10, bytes())
                .fde(0x1100, 0x40, bytes(0x41, 0x0e, 16, 0x83, 2))
                .fde(0x1200, 0x40, bytes(0x41, 0x0e, 16, 0x86, 2, 0x43, 0x0d, 6))
                .fde(0x1300, 0x10, bytes(0x07, 16))
                .build();
        byte[] signalFrames = EhFrameBuilder.signalFrames(0x8000 + ehFrame.length - 4)
                .fde(0x13ff, 0x11, concat(bytes(0x0f, 4, 0x77, 0xa0, 0x01, 0x06), bytes(0x10, 16, 3, 0x77, 0xa8, 0x01)))
                .build();
        ElfImage image = new TinyElf()
                .ehFrame(0x8000, concat(java.util.Arrays.copyOf(ehFrame, ehFrame.length - 4), signalFrames))
                .function("leaf", 0x1000, 0x10).function("mid", 0x1100, 0x40).function("framed", 0x1200, 0x40)
                .function("_start", 0x1300, 0x10).function("__restore_rt", 0x1400, 0)
                .code(0x14ff, MUSL_RESTORE_RT).function("musl_restore_rt", 0x1500, 9)
                .build();
        elf = new LoadedModule(BIAS, BIAS + 0x10000, BIAS, image, "/fixture");
        LoadedModule jit = new LoadedModule(JIT, JIT + 0x1000, 0, null, "");
        modules = address -> elf.contains(address) ? elf : jit.contains(address) ? jit : null;
    }

    private void put(long address, long value) {
        stack.putLong((int) (address - STACK), value);
    }

    private UnwoundStack unwind() {
        return new Unwinder().unwind(registers, new StackCopy(STACK, stackBytes, stackBytes.length, Memory.NONE), modules);
    }

    private static List<Long> pcs(UnwoundStack stack) {
        return stack.frames().stream().map(UnwoundFrame::pc).toList();
    }

    /** JIT frame (frame pointers) -> framed (CFA = rbp + 16) -> mid (rsp-based) -> _start. */
    @Test
    void framePointersThenCfiToTheOutermostFrame() {
        registers.set(RegisterSet.RIP, JIT + 0x10);
        registers.set(RegisterSet.RSP, STACK);
        registers.set(RegisterSet.RBP, STACK + 0x10);
        put(STACK + 0x10, STACK + 0x80); // the JIT frame's record: framed's rbp, then return address
        put(STACK + 0x18, BIAS + 0x1210);
        put(STACK + 0x80, 0x1234); // framed saved the caller's rbp here; CFA = 0x7090
        put(STACK + 0x88, BIAS + 0x1120);
        put(STACK + 0x90, 0x5555); // mid saved rbx; CFA = 0x70a0
        put(STACK + 0x98, BIAS + 0x1305);

        UnwoundStack unwound = unwind();

        assertFalse(unwound.truncated(), unwound.stopReason());
        assertEquals(List.of(JIT + 0x10, BIAS + 0x1210, BIAS + 0x1120, BIAS + 0x1305), pcs(unwound));
        assertEquals(List.of(FrameMethod.REGISTERS, FrameMethod.FRAME_POINTER, FrameMethod.CFI, FrameMethod.CFI),
                unwound.frames().stream().map(UnwoundFrame::method).toList());
        assertEquals(List.of(true, false, false, false), unwound.frames().stream().map(UnwoundFrame::exactPc).toList());
    }

    /**
     * leaf was interrupted by a signal; the handler (leaf again) returns to the trampoline,
     * whose CFI reads the interrupted rsp and rip from the ucontext. The trampoline's pc and the
     * interrupted pc are exact, and the trampoline is named although its symbol has size 0.
     */
    @Test
    void throughASignalFrame() {
        registers.set(RegisterSet.RIP, BIAS + 0x1004);
        registers.set(RegisterSet.RSP, STACK);
        put(STACK, BIAS + 0x1400); // the handler's return address: __restore_rt
        put(STACK + 8 + 160, STACK + 0x200); // uc_mcontext rsp
        put(STACK + 8 + 168, BIAS + 0x1000); // uc_mcontext rip: the first instruction of leaf
        put(STACK + 0x200, BIAS + 0x1301); // leaf's return address: _start

        UnwoundStack unwound = unwind();

        assertFalse(unwound.truncated(), unwound.stopReason());
        assertEquals(List.of(BIAS + 0x1004, BIAS + 0x1400, BIAS + 0x1000, BIAS + 0x1301), pcs(unwound));
        assertEquals(List.of(true, true, true, false), unwound.frames().stream().map(UnwoundFrame::exactPc).toList());
        SymbolTable symbols = elf.image().ownSymbols();
        List<String> names = unwound.frames().stream()
                .map(frame -> symbols.name(symbols.find(elf.fileAddress(frame.lookupAddress())))).toList();
        assertEquals(List.of("leaf", "__restore_rt", "leaf", "_start"), names,
                "pc - 1 of the exact frames would name the wrong functions");
    }

    /**
     * framed was interrupted (its CFA is rbp + 16 there) and the handler, leaf, returns to musl's
     * trampoline, which has no CFI: every register comes from the ucontext at rsp, rbp included.
     */
    @Test
    void throughASignalTrampolineWithoutCfi() {
        registers.set(RegisterSet.RIP, BIAS + 0x1004);
        registers.set(RegisterSet.RSP, STACK);
        put(STACK, BIAS + 0x1500); // the handler's return address: the trampoline
        long sigcontext = STACK + 8 + 40;
        put(sigcontext + 10 * 8, STACK + 0x200); // rbp
        put(sigcontext + 15 * 8, STACK + 0x1f0); // rsp
        put(sigcontext + 16 * 8, BIAS + 0x1210); // rip: in framed, past its prologue
        put(STACK + 0x200, 0x1234); // framed's saved rbp
        put(STACK + 0x208, BIAS + 0x1305); // its return address: _start

        UnwoundStack unwound = unwind();

        assertFalse(unwound.truncated(), unwound.stopReason());
        assertEquals(List.of(BIAS + 0x1004, BIAS + 0x1500, BIAS + 0x1210, BIAS + 0x1305), pcs(unwound));
        assertEquals(List.of(true, true, true, false), unwound.frames().stream().map(UnwoundFrame::exactPc).toList());
        assertEquals(FrameMethod.SIGNAL_CONTEXT, unwound.frames().get(2).method());
    }

    /** One byte into the trampoline the code no longer matches: no CFI, no frame pointer, stuck. */
    @Test
    void codeWithoutCfiThatIsNotTheTrampolineIsNotReadAsOne() {
        registers.set(RegisterSet.RIP, BIAS + 0x1004);
        registers.set(RegisterSet.RSP, STACK);
        put(STACK, BIAS + 0x1501);
        UnwoundStack unwound = unwind();
        assertTrue(unwound.truncated());
        assertEquals(2, unwound.frames().size());
        assertTrue(unwound.stopReason().contains("no rule"), unwound.stopReason());
    }

    @Test
    void aReturnAddressOutsideEveryMappingTruncates() {
        registers.set(RegisterSet.RIP, BIAS + 0x1004);
        registers.set(RegisterSet.RSP, STACK);
        put(STACK, 0xdead0000L);
        UnwoundStack unwound = unwind();
        assertTrue(unwound.truncated());
        assertEquals(1, unwound.frames().size());
        assertTrue(unwound.stopReason().contains("no executable mapping"), unwound.stopReason());
    }

    @Test
    void aCfaThatDoesNotGrowTruncates() {
        registers.set(RegisterSet.RIP, JIT);
        registers.set(RegisterSet.RSP, STACK + 0x100);
        registers.set(RegisterSet.RBP, STACK + 0x10); // below the stack pointer: a garbage frame pointer
        put(STACK + 0x18, BIAS + 0x1004);
        UnwoundStack unwound = unwind();
        assertTrue(unwound.truncated());
        assertTrue(unwound.stopReason().contains("did not grow"), unwound.stopReason());
    }

    @Test
    void aFramePointerLoopStopsAtTheDepthCapOrEarlier() {
        registers.set(RegisterSet.RIP, JIT);
        registers.set(RegisterSet.RSP, STACK);
        registers.set(RegisterSet.RBP, STACK + 0x10);
        put(STACK + 0x10, STACK + 0x10); // rbp points to itself
        put(STACK + 0x18, JIT + 4);
        UnwoundStack unwound = unwind();
        assertTrue(unwound.truncated());
        assertTrue(unwound.frames().size() <= Unwinder.MAX_DEPTH);
    }

    @Test
    void memoryBeyondTheCopyTruncates() {
        registers.set(RegisterSet.RIP, BIAS + 0x1004);
        registers.set(RegisterSet.RSP, STACK + 0x3fc); // the return address straddles the copy's end
        UnwoundStack unwound = unwind();
        assertTrue(unwound.truncated());
        assertTrue(unwound.stopReason().contains("cannot read"), unwound.stopReason());
    }
}
