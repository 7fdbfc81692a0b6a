package dev.tracekit.stack;

/** x86_64's {@code syscall} instruction, which a thread's pc follows while it is in a call. */
public final class SyscallInstruction {
    private static final byte[] CODE = {0x0f, 0x05};
    /** Its length, which int 0x80's is too: where a call made again starts, before the pc. */
    public static final int LENGTH = CODE.length;

    private SyscallInstruction() {
    }

    /** Whether the two bytes before {@code pc} in {@code module}'s file are a syscall instruction. */
    static boolean endsAt(LoadedModule module, long pc) {
        return module.hasCodeAt(pc - CODE.length, CODE);
    }
}
