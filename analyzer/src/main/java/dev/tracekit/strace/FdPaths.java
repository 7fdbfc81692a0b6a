package dev.tracekit.strace;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.ThreadInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The path behind each file descriptor of each process, as -y prints it, followed through the
 * log: the fds open at attach, then every call that opens, duplicates, closes or marks one
 * close-on-exec, and exec closing those. strace asks /proc at print time; a log has what the
 * calls said, so:
 * <ul>
 *   <li>a relative path is joined to the working directory or directory fd and tidied
 *       ({@code .}, {@code ..}), but symbolic links are not resolved, so {@code /lib/x} stays
 *       {@code /lib/x} where strace shows {@code /usr/lib/x};</li>
 *   <li>sockets and pipes made during the recording show as {@code socket:[?]} and
 *       {@code pipe:[?]}: their inode numbers are not recorded (those open at attach show
 *       theirs);</li>
 *   <li>a process made by clone without CLONE_THREAD gets a copy of its parent's table, as fork
 *       does; CLONE_FILES sharing between processes is not followed.</li>
 * </ul>
 */
final class FdPaths {
    private static final long O_CLOEXEC = 0x80000;
    private static final int AT_FDCWD = -100;
    private static final int F_DUPFD = 0;
    private static final int F_SETFD = 2;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final long FD_CLOEXEC = 1;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    /** One process's descriptors (shared by its threads) and working directory. */
    private static final class Files {
        final Map<Integer, String> paths = new HashMap<>();
        final Map<Integer, Boolean> closeOnExec = new HashMap<>();
        String cwd;

        Files copy() {
            Files copy = new Files();
            copy.paths.putAll(paths);
            copy.closeOnExec.putAll(closeOnExec);
            copy.cwd = cwd;
            return copy;
        }

        void put(int fd, String path, boolean cloexec) {
            paths.put(fd, path);
            closeOnExec.put(fd, cloexec);
        }

        void close(int fd) {
            paths.remove(fd);
            closeOnExec.remove(fd);
        }
    }

    private final Map<Integer, Files> byTid = new HashMap<>();

    String path(int tid, int fd) {
        Files files = byTid.get(tid);
        return files == null ? null : files.paths.get(fd);
    }

    String cwd(int tid) {
        Files files = byTid.get(tid);
        return files == null ? null : files.cwd;
    }

    void process(ProcessInfo info) {
        Files files = files(info.pid());
        if (info.cwd() != null) {
            files.cwd = info.cwd();
        }
    }

    void thread(ThreadInfo info) {
        byTid.putIfAbsent(info.tid(), files(info.pid()));
    }

    void openFd(OpenFd fd) {
        if (fd.path() != null) {
            files(fd.pid()).put(fd.fd(), fd.path(), false);
        }
    }

    void child(ChildCreated created) {
        Files parent = files(created.parentTid());
        byTid.put(created.childTid(), created.kind() == ChildCreated.Kind.THREAD ? parent : parent.copy());
    }

    /** exec closes the close-on-exec descriptors and leaves the process a table of its own. */
    void exec(Exec exec) {
        Files before = byTid.getOrDefault(exec.formerTid(), files(exec.pid()));
        Files after = before.copy();
        after.closeOnExec.forEach((fd, cloexec) -> {
            if (cloexec) {
                after.paths.remove(fd);
            }
        });
        after.closeOnExec.values().removeIf(cloexec -> cloexec);
        byTid.remove(exec.formerTid());
        byTid.put(exec.pid(), after);
    }

    /** Follows what a successful call did to the descriptor table. */
    void apply(Call call) {
        SyscallInfo info = call.info();
        if (info == null || !call.succeeded()) {
            return;
        }
        Files files = files(call.tid());
        int result = (int) call.result();
        switch (info.name()) {
            case "open", "creat" -> files.put(result, resolve(files, AT_FDCWD, entryString(call, 0)),
                    info.name().equals("open") && (call.arg(1) & O_CLOEXEC) != 0);
            case "openat", "openat2" -> files.put(result, resolve(files, call.intArg(0), entryString(call, 1)),
                    info.name().equals("openat") && (call.arg(2) & O_CLOEXEC) != 0);
            case "dup" -> files.put(result, files.paths.get(call.intArg(0)), false);
            case "dup2" -> files.put(result, files.paths.get(call.intArg(0)), false);
            case "dup3" -> files.put(result, files.paths.get(call.intArg(0)), (call.arg(2) & O_CLOEXEC) != 0);
            case "fcntl" -> fcntl(files, call, result);
            case "close" -> files.close(call.intArg(0));
            case "close_range" -> closeRange(files, call);
            case "pipe", "pipe2", "socketpair" -> pair(files, call, info.name());
            case "socket", "accept", "accept4" -> files.put(result, "socket:[?]", false);
            case "eventfd", "eventfd2" -> files.put(result, "anon_inode:[eventfd]", false);
            case "epoll_create", "epoll_create1" -> files.put(result, "anon_inode:[eventpoll]", false);
            case "timerfd_create" -> files.put(result, "anon_inode:[timerfd]", false);
            case "signalfd", "signalfd4" -> files.put(result, "anon_inode:[signalfd]", false);
            case "inotify_init", "inotify_init1" -> files.put(result, "anon_inode:inotify", false);
            case "pidfd_open" -> files.put(result, "anon_inode:[pidfd]", false);
            case "memfd_create" -> {
                String name = entryString(call, 0);
                files.put(result, name == null ? null : "/memfd:" + name + " (deleted)", false);
            }
            case "chdir" -> files.cwd = resolve(files, AT_FDCWD, entryString(call, 0));
            case "fchdir" -> files.cwd = files.paths.get(call.intArg(0));
            default -> {
            }
        }
    }

    private static void fcntl(Files files, Call call, int result) {
        switch (call.intArg(1)) {
            case F_DUPFD -> files.put(result, files.paths.get(call.intArg(0)), false);
            case F_DUPFD_CLOEXEC -> files.put(result, files.paths.get(call.intArg(0)), true);
            case F_SETFD -> {
                if (files.paths.containsKey(call.intArg(0))) {
                    files.closeOnExec.put(call.intArg(0), (call.arg(2) & FD_CLOEXEC) != 0);
                }
            }
            default -> {
            }
        }
    }

    private static void closeRange(Files files, Call call) {
        long first = call.arg(0) & 0xffffffffL;
        long last = call.arg(1) & 0xffffffffL;
        boolean cloexec = (call.arg(2) & CLOSE_RANGE_CLOEXEC) != 0;
        for (Integer fd : files.paths.keySet().toArray(new Integer[0])) {
            if (fd >= first && fd <= last) {
                if (cloexec) {
                    files.closeOnExec.put(fd, true);
                } else {
                    files.close(fd);
                }
            }
        }
    }

    private static void pair(Files files, Call call, String name) {
        long address = name.equals("socketpair") ? call.arg(3) : call.arg(0);
        Capture fds = call.atExit(address);
        if (fds == null || fds.bytes().length() < 8) {
            return;
        }
        Bytes b = new Bytes(fds.bytes());
        String path = name.equals("socketpair") ? "socket:[?]" : "pipe:[?]";
        boolean cloexec = name.equals("pipe2") && (call.arg(1) & O_CLOEXEC) != 0;
        files.put(b.s32(0), path, cloexec);
        files.put(b.s32(4), path, cloexec);
    }

    private static String entryString(Call call, int index) {
        Capture capture = call.atEntry(call.arg(index));
        return capture == null ? null : new String(capture.bytes().toByteArray(), StandardCharsets.UTF_8);
    }

    /** An absolute, tidied path; null when the base is unknown. */
    private static String resolve(Files files, int dirfd, String path) {
        if (path == null) {
            return null;
        }
        String base = dirfd == AT_FDCWD ? files.cwd : files.paths.get(dirfd);
        if (path.isEmpty()) {
            return base;
        }
        if (!path.startsWith("/")) {
            if (base == null) {
                return null;
            }
            path = base + "/" + path;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private Files files(int tid) {
        return byTid.computeIfAbsent(tid, unknown -> new Files());
    }
}
