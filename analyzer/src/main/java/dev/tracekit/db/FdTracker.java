package dev.tracekit.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds which file descriptor meant what, and when: open intervals per process, from the
 * snapshot at attach and from the calls that create, copy and close descriptors. A forked child
 * gets copies of its parent's; execve closes those marked close-on-exec. Logs and strace text
 * both feed it, each through its own {@link FdCall}.
 */
public final class FdTracker {
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_DUPFD = 0;
    private static final int F_SETFD = 2;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;
    private static final int CLOSE_RANGE_CLOEXEC = 4;

    /** One interval of one descriptor, finished or still open. */
    public record Interval(int pid, int fd, String path, Long opened, Long closed, String openedBy) {
    }

    private static final class Open {
        final String path;
        final Long opened;
        final String openedBy;
        boolean closeOnExec;

        Open(String path, Long opened, String openedBy, boolean closeOnExec) {
            this.path = path;
            this.opened = opened;
            this.openedBy = openedBy;
            this.closeOnExec = closeOnExec;
        }
    }

    private final Map<Integer, Map<Integer, Open>> byProcess = new HashMap<>();
    private final List<Interval> finished = new ArrayList<>();

    /** A descriptor open before recording began: its opening time is unknown. */
    public void alreadyOpen(int pid, int fd, String path) {
        fds(pid).put(fd, new Open(path, null, null, false));
    }

    /** A descriptor a call used that the tracker did not see made: open since before recording began. */
    public void inUse(int pid, int fd, String path) {
        fds(pid).putIfAbsent(fd, new Open(path, null, null, false));
    }

    /** What descriptor {@code fd} of process {@code pid} refers to now; null when not open or unknown. */
    public String path(int pid, int fd) {
        Map<Integer, Open> fds = byProcess.get(pid);
        Open open = fds == null ? null : fds.get(fd);
        return open == null ? null : open.path;
    }

    public void syscall(int pid, FdCall call, long wallTime) {
        if (call.failed()) {
            return;
        }
        String name = call.name();
        long ret = call.result();
        int fd = (int) ret;
        switch (name) {
            case "open", "creat" -> opened(pid, fd, path(call, 0), wallTime, name, name.equals("open") && (call.arg(1) & O_CLOEXEC) != 0);
            case "openat", "openat2" -> opened(pid, fd, path(call, 1), wallTime, name, name.equals("openat") && (call.arg(2) & O_CLOEXEC) != 0);
            case "dup" -> copied(pid, call, wallTime, name, false);
            case "dup2" -> copied(pid, call, wallTime, name, false);
            case "dup3" -> copied(pid, call, wallTime, name, (call.arg(2) & O_CLOEXEC) != 0);
            case "fcntl" -> fcntl(pid, call, wallTime);
            case "pipe", "pipe2" -> pair(pid, call, 0, "pipe", wallTime, name.equals("pipe2") && (call.arg(1) & O_CLOEXEC) != 0);
            case "socketpair" -> pair(pid, call, 3, "socket", wallTime, (call.arg(1) & O_CLOEXEC) != 0);
            case "socket" -> opened(pid, fd, "socket", wallTime, name, (call.arg(1) & O_CLOEXEC) != 0);
            case "accept" -> opened(pid, fd, "socket", wallTime, name, false);
            case "accept4" -> opened(pid, fd, "socket", wallTime, name, (call.arg(3) & O_CLOEXEC) != 0);
            case "eventfd", "eventfd2", "epoll_create", "epoll_create1", "timerfd_create", "signalfd", "signalfd4",
                    "inotify_init", "inotify_init1", "memfd_create", "userfaultfd", "pidfd_open", "fanotify_init",
                    "perf_event_open", "io_uring_setup" -> opened(pid, fd, "anon_inode:[" + name + "]", wallTime, name, false);
            case "close" -> closed(pid, (int) call.arg(0), wallTime);
            case "close_range" -> closeRange(pid, call, wallTime);
            default -> {
                // The call neither creates nor closes descriptors.
            }
        }
    }

    /** A new process: a thread shares its parent's table, a forked child gets copies. */
    public void forked(int parentPid, int childPid, long wallTime) {
        Map<Integer, Open> parent = byProcess.get(parentPid);
        if (parent == null) {
            return;
        }
        Map<Integer, Open> child = fds(childPid);
        // strace text may show the child's own calls before its parent's fork returns: those stand
        parent.forEach((fd, open) -> child.putIfAbsent(fd, new Open(open.path, wallTime, "fork", open.closeOnExec)));
    }

    /**
     * What was tracked as process {@code provisional} belongs to {@code pid}: strace text shows a
     * new thread's calls before the clone that says whose thread it is.
     */
    public void merged(int provisional, int pid) {
        Map<Integer, Open> fds = byProcess.remove(provisional);
        if (fds != null) {
            fds(pid).putAll(fds);
        }
    }

    public void execed(int pid, long wallTime) {
        Map<Integer, Open> fds = byProcess.get(pid);
        if (fds == null) {
            return;
        }
        for (Iterator<Map.Entry<Integer, Open>> it = fds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Open> entry = it.next();
            if (entry.getValue().closeOnExec) {
                finish(pid, entry.getKey(), entry.getValue(), wallTime);
                it.remove();
            }
        }
    }

    public void processExited(int pid, long wallTime) {
        Map<Integer, Open> fds = byProcess.remove(pid);
        if (fds != null) {
            fds.forEach((fd, open) -> finish(pid, fd, open, wallTime));
        }
    }

    /** Intervals closed since the last call; the importer writes them as they come. */
    public List<Interval> drainFinished() {
        if (finished.isEmpty()) {
            return List.of();
        }
        List<Interval> done = new ArrayList<>(finished);
        finished.clear();
        return done;
    }

    /** Everything still open when the recording ended. */
    public List<Interval> stillOpen() {
        List<Interval> open = new ArrayList<>();
        byProcess.forEach((pid, fds) -> fds.forEach((fd, o) -> open.add(new Interval(pid, fd, o.path, o.opened, null, o.openedBy))));
        return open;
    }

    private void fcntl(int pid, FdCall call, long wallTime) {
        int command = (int) call.arg(1);
        if (command == F_DUPFD || command == F_DUPFD_CLOEXEC) {
            copied(pid, call, wallTime, "fcntl", command == F_DUPFD_CLOEXEC);
        } else if (command == F_SETFD) {
            Open open = fds(pid).get((int) call.arg(0));
            if (open != null) {
                open.closeOnExec = (call.arg(2) & FD_CLOEXEC) != 0;
            }
        }
    }

    private void closeRange(int pid, FdCall call, long wallTime) {
        long first = call.arg(0);
        long last = call.arg(1) & 0xffffffffL;
        boolean onlyMark = (call.arg(2) & CLOSE_RANGE_CLOEXEC) != 0;
        for (Iterator<Map.Entry<Integer, Open>> it = fds(pid).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Open> entry = it.next();
            if (entry.getKey() >= first && entry.getKey() <= last) {
                if (onlyMark) {
                    entry.getValue().closeOnExec = true;
                } else {
                    finish(pid, entry.getKey(), entry.getValue(), wallTime);
                    it.remove();
                }
            }
        }
    }

    private void opened(int pid, int fd, String path, long wallTime, String by, boolean closeOnExec) {
        closed(pid, fd, wallTime);
        fds(pid).put(fd, new Open(path, wallTime, by, closeOnExec));
    }

    /** dup, dup2, dup3 and fcntl(F_DUPFD): the copy refers to what argument 0 did, or to what the input says it does. */
    private void copied(int pid, FdCall call, long wallTime, String by, boolean closeOnExec) {
        int from = (int) call.arg(0);
        int to = (int) call.result();
        if (from == to) {
            return;
        }
        Open source = fds(pid).get(from);
        opened(pid, to, source == null ? call.resultPath() : source.path, wallTime, by, closeOnExec);
    }

    /** pipe, pipe2 and socketpair write the two new descriptors, as two ints, where an argument points. */
    private void pair(int pid, FdCall call, int argument, String path, long wallTime, boolean closeOnExec) {
        int[] pair = call.pair(argument);
        if (pair != null) {
            opened(pid, pair[0], path, wallTime, call.name(), closeOnExec);
            opened(pid, pair[1], path, wallTime, call.name(), closeOnExec);
        }
    }

    private void closed(int pid, int fd, long wallTime) {
        Open open = fds(pid).remove(fd);
        if (open != null) {
            finish(pid, fd, open, wallTime);
        }
    }

    private void finish(int pid, int fd, Open open, long wallTime) {
        finished.add(new Interval(pid, fd, open.path, open.opened, wallTime, open.openedBy));
    }

    private Map<Integer, Open> fds(int pid) {
        return byProcess.computeIfAbsent(pid, p -> new HashMap<>());
    }

    /** The path a call opened: what the input resolved it to (strace -y), else the string it was given. */
    private static String path(FdCall call, int argument) {
        String resolved = call.resultPath();
        return resolved != null ? resolved : call.path(argument);
    }
}
