package dev.tracekit.ptrace;

/** Decodes the status word of waitpid(2), as the macros of {@code <sys/wait.h>} do. */
public final class WaitStatus {
    public static final int SIGTRAP = 5;
    /** WSTOPSIG of a syscall stop under PTRACE_O_TRACESYSGOOD. */
    public static final int SYSCALL_STOP_SIGNAL = SIGTRAP | 0x80;

    private WaitStatus() {
    }

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static boolean signaled(int status) {
        return ((status & 0x7f) + 1) >> 1 > 0 && !stopped(status);
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* of a ptrace-event-stop, 0 for other stops. */
    public static int event(int status) {
        return (status >>> 16) & 0xff;
    }
}
