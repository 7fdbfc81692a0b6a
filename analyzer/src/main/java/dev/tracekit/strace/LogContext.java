package dev.tracekit.strace;

import java.util.HashMap;
import java.util.Map;

/** The context a log gives each call: fd paths when -y asks for them, each thread's previous call. */
final class LogContext implements CallContext {
    private final FdPaths fdPaths;
    private final Map<Integer, String> previous = new HashMap<>();

    /** @param fdPaths the tracked descriptors, or null without -y */
    LogContext(FdPaths fdPaths) {
        this.fdPaths = fdPaths;
    }

    @Override
    public String fdPath(int tid, int fd) {
        return fdPaths == null ? null : fdPaths.path(tid, fd);
    }

    @Override
    public String cwd(int tid) {
        return fdPaths == null ? null : fdPaths.cwd(tid);
    }

    @Override
    public String previousSyscall(int tid) {
        return previous.get(tid);
    }

    @Override
    public boolean changesWithCalls() {
        return fdPaths != null;
    }

    void called(int tid, String name) {
        previous.put(tid, name);
    }

    void threadGone(int tid) {
        previous.remove(tid);
    }
}
