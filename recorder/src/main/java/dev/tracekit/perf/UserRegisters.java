package dev.tracekit.perf;

import dev.tracekit.stack.RegisterSet;

/**
 * The x86_64 user registers a sample carries (PERF_SAMPLE_REGS_USER). perf numbers them as
 * arch/x86/include/uapi/asm/perf_regs.h does: AX BX CX DX SI DI BP SP IP FLAGS CS SS DS ES FS GS
 * R8-R15, 0 to 23; a sample holds the ones in the mask, in that order. The unwinder needs the
 * sixteen general registers and IP; x86_64 refuses DS to GS.
 */
final class UserRegisters {
    static final long MASK = 0x1ffL | 0xff0000L;
    static final int COUNT = Long.bitCount(MASK);
    /** The DWARF number of each register in the sample's order. */
    private static final int[] DWARF = {
            RegisterSet.RAX, RegisterSet.RBX, RegisterSet.RCX, RegisterSet.RDX, RegisterSet.RSI, RegisterSet.RDI,
            RegisterSet.RBP, RegisterSet.RSP, RegisterSet.RIP,
            8, 9, 10, 11, 12, 13, 14, 15, // r8-r15
    };

    private UserRegisters() {
    }

    /** The registers at {@code position}, {@link #COUNT} words of the ring. */
    static RegisterSet read(PerfRing ring, long position) {
        RegisterSet registers = new RegisterSet();
        for (int i = 0; i < COUNT; i++) {
            registers.set(DWARF[i], ring.word(position + 8L * i));
        }
        return registers;
    }
}
