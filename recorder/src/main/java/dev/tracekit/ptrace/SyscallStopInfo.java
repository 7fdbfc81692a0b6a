package dev.tracekit.ptrace;

/**
 * struct ptrace_syscall_info over reused native memory: what PTRACE_GET_SYSCALL_INFO reports at
 * a syscall-entry or syscall-exit stop, read field by field without allocating.
 */
public final class SyscallStopInfo {
    public static final int SIZE = 88;
    public static final int OP_NONE = 0;
    public static final int OP_ENTRY = 1;
    public static final int OP_EXIT = 2;
    public static final int OP_SECCOMP = 3;

    private static final int OFFSET_OP = 0;
    private static final int OFFSET_IP = 8;
    private static final int OFFSET_SP = 16;
    private static final int OFFSET_NR = 24;
    private static final int OFFSET_ARGS = 32;
    private static final int OFFSET_RVAL = 24;
    private static final int OFFSET_IS_ERROR = 32;

    private final NativeBuffer memory = new NativeBuffer(SIZE);

    long address() {
        return memory.address();
    }

    public int op() {
        return memory.getByte(OFFSET_OP);
    }

    public long instructionPointer() {
        return memory.getLong(OFFSET_IP);
    }

    public long stackPointer() {
        return memory.getLong(OFFSET_SP);
    }

    /** At entry: the syscall number. */
    public int number() {
        return (int) memory.getLong(OFFSET_NR);
    }

    /** At entry: argument {@code index}, 0 to 5. */
    public long arg(int index) {
        return memory.getLong(OFFSET_ARGS + 8L * index);
    }

    /** At exit: the return value, -errno when {@link #isError()}. */
    public long returnValue() {
        return memory.getLong(OFFSET_RVAL);
    }

    public boolean isError() {
        return memory.getByte(OFFSET_IS_ERROR) != 0;
    }
}
