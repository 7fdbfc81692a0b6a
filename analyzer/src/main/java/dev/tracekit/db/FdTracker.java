package dev.tracekit.db;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds which file descriptor meant what, and when: open intervals per process, from the
 * snapshot at attach and from the calls that create, copy and close descriptors. A forked child
 * gets copies of its parent's; execve closes those marked close-on-exec.
 */
final class FdTracker {
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_DUPFD = 0;
    private static final int F_SETFD = 2;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;
    private static final int CLOSE_RANGE_CLOEXEC = 4;

    /** One interval of one descriptor, finished or still open. */
    record Interval(int pid, int fd, String path, Long opened, Long closed, String openedBy) {
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

    private final SyscallNames names;
    private final Map<Integer, Map<Integer, Open>> byProcess = new HashMap<>();
    private final List<Interval> finished = new ArrayList<>();

    FdTracker(SyscallNames names) {
        this.names = names;
    }

    /** A descriptor open before recording began: its opening time is unknown. */
    void alreadyOpen(int pid, int fd, String path) {
        fds(pid).put(fd, new Open(path, null, null, false));
    }

    void syscall(int pid, Syscall call, long wallTime) {
        if (call.failed()) {
            return;
        }
        String name = names.of(call.number());
        long ret = call.result();
        int fd = (int) ret;
        switch (name) {
            case "open", "creat" -> opened(pid, fd, path(call, 0), wallTime, name, name.equals("open") && (call.args().a1() & O_CLOEXEC) != 0);
            case "openat", "openat2" -> opened(pid, fd, path(call, 1), wallTime, name, name.equals("openat") && (call.args().a2() & O_CLOEXEC) != 0);
            case "dup" -> copied(pid, (int) call.args().a0(), fd, wallTime, name, false);
            case "dup2" -> copied(pid, (int) call.args().a0(), fd, wallTime, name, false);
            case "dup3" -> copied(pid, (int) call.args().a0(), fd, wallTime, name, (call.args().a2() & O_CLOEXEC) != 0);
            case "fcntl" -> fcntl(pid, call, wallTime);
            case "pipe", "pipe2" -> pair(pid, call, 0, "pipe", wallTime, name.equals("pipe2") && (call.args().a1() & O_CLOEXEC) != 0);
            case "socketpair" -> pair(pid, call, 3, "socket", wallTime, (call.args().a1() & O_CLOEXEC) != 0);
            case "socket" -> opened(pid, fd, "socket", wallTime, name, (call.args().a1() & O_CLOEXEC) != 0);
            case "accept" -> opened(pid, fd, "socket", wallTime, name, false);
            case "accept4" -> opened(pid, fd, "socket", wallTime, name, (call.args().a3() & O_CLOEXEC) != 0);
            case "eventfd", "eventfd2", "epoll_create", "epoll_create1", "timerfd_create", "signalfd", "signalfd4",
                    "inotify_init", "inotify_init1", "memfd_create", "userfaultfd", "pidfd_open", "fanotify_init",
                    "perf_event_open", "io_uring_setup" -> opened(pid, fd, "anon_inode:[" + name + "]", wallTime, name, false);
            case "close" -> closed(pid, (int) call.args().a0(), wallTime);
            case "close_range" -> closeRange(pid, call, wallTime);
            default -> {
                // The call neither creates nor closes descriptors.
            }
        }
    }

    /** A new process: a thread shares its parent's table, a forked child gets copies. */
    void forked(int parentPid, int childPid, long wallTime) {
        Map<Integer, Open> parent = byProcess.get(parentPid);
        if (parent == null) {
            return;
        }
        Map<Integer, Open> child = fds(childPid);
        parent.forEach((fd, open) -> child.put(fd, new Open(open.path, wallTime, "fork", open.closeOnExec)));
    }

    void execed(int pid, long wallTime) {
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

    void processExited(int pid, long wallTime) {
        Map<Integer, Open> fds = byProcess.remove(pid);
        if (fds != null) {
            fds.forEach((fd, open) -> finish(pid, fd, open, wallTime));
        }
    }

    /** Intervals closed since the last call; the importer writes them as they come. */
    List<Interval> drainFinished() {
        if (finished.isEmpty()) {
            return List.of();
        }
        List<Interval> done = new ArrayList<>(finished);
        finished.clear();
        return done;
    }

    /** Everything still open when the recording ended. */
    List<Interval> stillOpen() {
        List<Interval> open = new ArrayList<>();
        byProcess.forEach((pid, fds) -> fds.forEach((fd, o) -> open.add(new Interval(pid, fd, o.path, o.opened, null, o.openedBy))));
        return open;
    }

    private void fcntl(int pid, Syscall call, long wallTime) {
        int command = (int) call.args().a1();
        if (command == F_DUPFD || command == F_DUPFD_CLOEXEC) {
            copied(pid, (int) call.args().a0(), (int) call.result(), wallTime, "fcntl", command == F_DUPFD_CLOEXEC);
        } else if (command == F_SETFD) {
            Open open = fds(pid).get((int) call.args().a0());
            if (open != null) {
                open.closeOnExec = (call.args().a2() & FD_CLOEXEC) != 0;
            }
        }
    }

    private void closeRange(int pid, Syscall call, long wallTime) {
        long first = call.args().a0();
        long last = call.args().a1() & 0xffffffffL;
        boolean onlyMark = (call.args().a2() & CLOSE_RANGE_CLOEXEC) != 0;
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

    private void copied(int pid, int from, int to, long wallTime, String by, boolean closeOnExec) {
        if (from == to) {
            return;
        }
        Open source = fds(pid).get(from);
        opened(pid, to, source == null ? null : source.path, wallTime, by, closeOnExec);
    }

    /** pipe, pipe2 and socketpair write the two new descriptors, as two ints, where an argument points. */
    private void pair(int pid, Syscall call, int argument, String path, long wallTime, boolean closeOnExec) {
        long address = call.args().get(argument);
        for (Capture capture : call.captures()) {
            if (capture.phase() == Capture.Phase.EXIT && capture.address() == address && capture.bytes().length() >= 8) {
                String name = names.of(call.number());
                opened(pid, littleEndianInt(capture, 0), path, wallTime, name, closeOnExec);
                opened(pid, littleEndianInt(capture, 4), path, wallTime, name, closeOnExec);
                return;
            }
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

    private static String path(Syscall call, int argument) {
        long address = call.args().get(argument);
        for (Capture capture : call.captures()) {
            if (capture.phase() == Capture.Phase.ENTRY && capture.address() == address) {
                return new String(capture.bytes().toByteArray(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int littleEndianInt(Capture capture, int at) {
        return (capture.bytes().byteAt(at) & 0xff) | (capture.bytes().byteAt(at + 1) & 0xff) << 8
                | (capture.bytes().byteAt(at + 2) & 0xff) << 16 | (capture.bytes().byteAt(at + 3) & 0xff) << 24;
    }
}
