package dev.tracekit.ptrace;

/**
 * ptrace(2) requests and options, with thin wrappers. Each wrapper returns 0 or the errno, so the
 * tracer decides what a failure means: ESRCH on a thread that was just killed is routine.
 */
public final class Ptrace {
    public static final int PEEKUSER = 3;
    public static final int POKEUSER = 6;
    public static final int CONT = 7;
    public static final int DETACH = 17;
    public static final int SYSCALL = 24;
    public static final int SETOPTIONS = 0x4200;
    public static final int GETEVENTMSG = 0x4201;
    public static final int GETSIGINFO = 0x4202;
    public static final int GETREGSET = 0x4204;
    public static final int SEIZE = 0x4206;
    public static final int INTERRUPT = 0x4207;
    public static final int LISTEN = 0x4208;
    public static final int GET_SYSCALL_INFO = 0x420e;

    public static final int O_TRACESYSGOOD = 0x1;
    public static final int O_TRACEFORK = 0x2;
    public static final int O_TRACEVFORK = 0x4;
    public static final int O_TRACECLONE = 0x8;
    public static final int O_TRACEEXEC = 0x10;
    public static final int O_TRACEEXIT = 0x40;
    public static final int O_EXITKILL = 0x100000;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_VFORK_DONE = 5;
    public static final int EVENT_EXIT = 6;
    public static final int EVENT_STOP = 128;
    /** Where registers are in x86_64's struct user_regs_struct (r15, r14, r13, r12, rbp, ...), for PEEKUSER and POKEUSER. */
    public static final long USER_REGS_RBP = 4 * 8;
    public static final long USER_REGS_RAX = 10 * 8;
    public static final long USER_REGS_ORIG_RAX = 15 * 8;
    public static final long USER_REGS_RIP = 16 * 8;

    /** Follow every thread and child, stop at syscalls with a distinct signal, and at exec and exit. */
    public static final int TRACE_OPTIONS = O_TRACESYSGOOD | O_TRACEFORK | O_TRACEVFORK | O_TRACECLONE
            | O_TRACEEXEC | O_TRACEEXIT;

    private static final LibC LIBC = Native.libc();

    private Ptrace() {
    }

    public static int seize(int tid, int options) {
        return call(SEIZE, tid, 0, options);
    }

    /** Resumes until the next syscall stop, delivering {@code signal} (0 for none). */
    public static int resumeToSyscall(int tid, int signal) {
        return call(SYSCALL, tid, 0, signal);
    }

    public static int cont(int tid, int signal) {
        return call(CONT, tid, 0, signal);
    }

    /** Leaves a group-stopped tracee stopped but lets later signals (SIGCONT) reach it. */
    public static int listen(int tid) {
        return call(LISTEN, tid, 0, 0);
    }

    public static int interrupt(int tid) {
        return call(INTERRUPT, tid, 0, 0);
    }

    public static int detach(int tid, int signal) {
        return call(DETACH, tid, 0, signal);
    }

    /** The event message (new tid, former tid, exit status) into {@code buffer} at offset 0. */
    public static int eventMessage(int tid, NativeBuffer buffer) {
        return call(GETEVENTMSG, tid, 0, buffer.address());
    }

    /** The 128-byte siginfo_t of a signal-delivery-stop into {@code buffer}. */
    public static int signalInfo(int tid, NativeBuffer buffer) {
        return call(GETSIGINFO, tid, 0, buffer.address());
    }

    /**
     * PTRACE_GETREGSET: fills the memory that {@code iovec} (a struct iovec: base, length) points
     * to with register set {@code type} (NT_PRSTATUS 1: the general registers) and sets the
     * iovec's length to the bytes written.
     */
    public static int registerSet(int tid, int type, NativeBuffer iovec) {
        return call(GETREGSET, tid, type, iovec.address());
    }

    /**
     * PTRACE_PEEKUSER: the word at {@code offset} of a stopped tracee's user area (its saved
     * registers), or 0 when it cannot be read (glibc's wrapper returns the word and clears errno).
     */
    public static long peekUser(int tid, long offset) {
        long word = LIBC.ptrace(PEEKUSER, tid, offset, 0);
        return word == -1 && Native.errno() != 0 ? 0 : word;
    }

    /** Sets one register of a stopped tracee; returns 0 or the errno. */
    public static int pokeUser(int tid, long offset, long value) {
        return call(POKEUSER, tid, offset, value);
    }

    /** Fills {@code info}; returns the number of bytes the kernel wrote, or -errno. */
    public static long syscallInfo(int tid, SyscallStopInfo info) {
        long written = LIBC.ptrace(GET_SYSCALL_INFO, tid, SyscallStopInfo.SIZE, info.address());
        return written < 0 ? -Native.errno() : written;
    }

    public static String requestName(int request) {
        return switch (request) {
            case CONT -> "PTRACE_CONT";
            case DETACH -> "PTRACE_DETACH";
            case SYSCALL -> "PTRACE_SYSCALL";
            case SETOPTIONS -> "PTRACE_SETOPTIONS";
            case GETEVENTMSG -> "PTRACE_GETEVENTMSG";
            case GETSIGINFO -> "PTRACE_GETSIGINFO";
            case GETREGSET -> "PTRACE_GETREGSET";
            case SEIZE -> "PTRACE_SEIZE";
            case INTERRUPT -> "PTRACE_INTERRUPT";
            case LISTEN -> "PTRACE_LISTEN";
            case GET_SYSCALL_INFO -> "PTRACE_GET_SYSCALL_INFO";
            default -> "ptrace request 0x" + Integer.toHexString(request);
        };
    }

    private static int call(int request, int tid, long addr, long data) {
        return LIBC.ptrace(request, tid, addr, data) < 0 ? Native.errno() : 0;
    }
}
