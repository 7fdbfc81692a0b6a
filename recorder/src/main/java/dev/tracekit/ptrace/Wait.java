package dev.tracekit.ptrace;

/** waitpid(2) with a reused status word. Only the tracer thread may call it. */
public final class Wait {
    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int ALL = 0x40000000;
    public static final int ECHILD = 10;
    public static final int EINTR = 4;

    private final NativeBuffer status = new NativeBuffer(8);
    private final LibC libc = Native.libc();

    /** Returns the tid that changed state (0 with WNOHANG and none ready), or -errno. */
    public int waitpid(int pid, int options) {
        int tid = libc.waitpid(pid, status.address(), options);
        return tid < 0 ? -Native.errno() : tid;
    }

    /** The status word of the last successful {@link #waitpid}. */
    public int status() {
        return status.getInt(0);
    }
}
