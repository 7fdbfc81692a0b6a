package dev.tracekit.stack;

/**
 * The x86_64 signal return trampoline of a C library that gives it no CFI (musl): the code a
 * handler returns to, {@code mov $15,%rax; syscall} (rt_sigreturn). It is recognized by those
 * bytes, as GDB does. The interrupted registers are in the ucontext_t the kernel put on the
 * stack: struct rt_sigframe is the return address (pretcode), then the ucontext, so once the
 * handler has returned into the trampoline, rsp points at the ucontext.
 */
final class SigreturnTrampoline {
    private static final byte[] CODE = {0x48, (byte) 0xc7, (byte) 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05};
    /** uc_flags, uc_link and the 24-byte stack_t come first (asm-generic/ucontext.h). */
    private static final int MCONTEXT_OFFSET = 40;
    /**
     * DWARF numbers of the first 17 words of struct sigcontext_64 (asm/sigcontext.h), in its
     * order: r8-r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip.
     */
    private static final int[] SIGCONTEXT_REGISTERS = {8, 9, 10, 11, 12, 13, 14, 15, 5, 4, 6, 3, 1, 0, 2, 7, 16};

    private SigreturnTrampoline() {
    }

    /** The code at {@code pc} is the trampoline's, as the module's file has it. */
    static boolean isAt(LoadedModule module, long pc) {
        return module.hasCodeAt(pc, CODE);
    }

    /** Whether {@code pc} is just past the trampoline: a thread stopped in its rt_sigreturn. */
    static boolean endsAt(LoadedModule module, long pc) {
        return isAt(module, pc - CODE.length);
    }

    /** Sets {@code interrupted} to the registers saved in the ucontext at {@code sp}. */
    static void restore(long sp, Memory memory, RegisterSet interrupted) {
        long sigcontext = sp + MCONTEXT_OFFSET;
        for (int word = 0; word < SIGCONTEXT_REGISTERS.length; word++) {
            interrupted.set(SIGCONTEXT_REGISTERS[word], memory.readLong(sigcontext + 8L * word));
        }
    }
}
