package dev.tracekit.strace;

/**
 * What a call's text depends on beyond the call itself: the path behind a file descriptor and
 * the working directory (for -y), and the thread's previous call (restart_syscall names it).
 */
interface CallContext {
    /** Nothing known: no -y, no history, as for one call rendered on its own. */
    CallContext NONE = new CallContext() {
        @Override
        public String fdPath(int tid, int fd) {
            return null;
        }

        @Override
        public String cwd(int tid) {
            return null;
        }

        @Override
        public String previousSyscall(int tid) {
            return null;
        }
    };

    /** The path of {@code fd} in the process of {@code tid}, or null when unknown or no -y. */
    String fdPath(int tid, int fd);

    /** The working directory of the process of {@code tid}, or null. */
    String cwd(int tid);

    /** The name of the call {@code tid} made before this one, or null. */
    String previousSyscall(int tid);

    /** Whether a call changes what this context says (the fds of -y), so text at exit differs. */
    default boolean changesWithCalls() {
        return false;
    }
}
