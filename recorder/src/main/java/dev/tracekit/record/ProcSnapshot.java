package dev.tracekit.record;

import dev.tracekit.stack.BuildIdReader;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What /proc says about a process, as events: the process, its threads, open fds and memory
 * maps with build-ids. Written when recording starts so a log can be analyzed elsewhere.
 * A process can vanish while we read it: what could not be read is left out or null.
 */
final class ProcSnapshot {
    private final Map<String, ByteString> buildIds = new HashMap<>();

    List<TraceEvent> of(int pid, long time) {
        List<TraceEvent> events = new ArrayList<>();
        events.add(process(pid, time));
        for (int tid : threadIds(pid)) {
            events.add(new ThreadInfo(time, tid, pid, readLine(proc(pid).resolve("task/" + tid + "/comm"))));
        }
        events.addAll(openFds(pid, time));
        events.addAll(mappings(pid, time));
        return events;
    }

    ProcessInfo process(int pid, long time) {
        Path dir = proc(pid);
        return new ProcessInfo(time, pid, parentPid(pid), readLink(dir.resolve("exe")), commandLine(pid), readLink(dir.resolve("cwd")));
    }

    static List<Integer> threadIds(int pid) {
        try (Stream<Path> tasks = Files.list(proc(pid).resolve("task"))) {
            return tasks.map(task -> Integer.parseInt(task.getFileName().toString())).sorted().toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** The process (thread group) thread {@code tid} belongs to, from /proc/TID/status; 0 when it is gone. */
    static int threadGroup(int tid) {
        String tgid = statusField(tid, "Tgid:");
        return tgid == null ? 0 : Integer.parseInt(tgid);
    }

    /**
     * Whether thread {@code tid} runs under seccomp, strict or with filters: the Seccomp line of
     * /proc/TID/status is not 0. Yes, the cautious answer, when the line cannot be read.
     */
    static boolean underSeccomp(int tid) {
        return !"0".equals(statusField(tid, "Seccomp:"));
    }

    /** The value of one line of /proc/TID/status, or null. */
    private static String statusField(int tid, String name) {
        String status = readLine(proc(tid).resolve("status"));
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith(name)) {
                    return line.substring(name.length()).trim();
                }
            }
        }
        return null;
    }

    /** The fourth field of /proc/PID/stat. */
    static int parentPid(int pid) {
        String[] fields = statAfterName(pid);
        return fields == null ? 0 : Integer.parseInt(fields[1]);
    }

    /**
     * The CPU time (user and system) of the whole process, its ended threads included, in clock
     * ticks (1/100 s): fields 14 and 15 of /proc/PID/stat; -1 when it is gone.
     */
    static long cpuTicks(int pid) {
        String[] fields = statAfterName(pid);
        return fields == null ? -1 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of /proc/PID/stat from the third on; the command name before them may hold spaces and parentheses. */
    private static String[] statAfterName(int pid) {
        String stat = readLine(proc(pid).resolve("stat"));
        return stat == null ? null : stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    static String readLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> commandLine(int pid) {
        try {
            String raw = new String(Files.readAllBytes(proc(pid).resolve("cmdline")), StandardCharsets.UTF_8);
            if (raw.isEmpty()) {
                return List.of();
            }
            return List.of((raw.endsWith("\0") ? raw.substring(0, raw.length() - 1) : raw).split("\0", -1));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<OpenFd> openFds(int pid, long time) {
        try (Stream<Path> fds = Files.list(proc(pid).resolve("fd"))) {
            return fds.map(fd -> Integer.parseInt(fd.getFileName().toString())).sorted()
                    .map(fd -> new OpenFd(time, pid, fd, readLink(proc(pid).resolve("fd/" + fd)))).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    private List<Mapping> mappings(int pid, long time) {
        List<Mapping> mappings = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(proc(pid).resolve("maps"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return mappings;
        }
        for (String line : lines) {
            Mapping mapping = parseMapping(pid, time, line);
            if (mapping != null) {
                mappings.add(mapping);
            }
        }
        return mappings;
    }

    /** "start-end perms offset dev inode   path", e.g. "7f3a0000-7f3a2000 r-xp 00002000 fe:01 1234 /usr/lib/libc.so.6". */
    private Mapping parseMapping(int pid, long time, String line) {
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length < 5) {
            return null;
        }
        int dash = fields[0].indexOf('-');
        long start = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
        long end = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
        String perms = fields[1];
        int permissions = (perms.charAt(0) == 'r' ? Mapping.READ : 0) | (perms.charAt(1) == 'w' ? Mapping.WRITE : 0)
                | (perms.charAt(2) == 'x' ? Mapping.EXECUTE : 0) | (perms.charAt(3) == 's' ? Mapping.SHARED : 0);
        long offset = Long.parseUnsignedLong(fields[2], 16);
        String path = fields.length == 6 ? fields[5] : "";
        ByteString buildId = path.startsWith("/") ? buildId(pid, fields[0], path) : ByteString.EMPTY;
        return new Mapping(time, pid, start, end, offset, permissions, path, buildId);
    }

    /** Through map_files the file is readable even when deleted or in another mount namespace. */
    private ByteString buildId(int pid, String range, String path) {
        return buildIds.computeIfAbsent(path, p -> {
            Path viaMapFiles = proc(pid).resolve("map_files/" + range);
            ByteString id = BuildIdReader.read(viaMapFiles);
            return id.length() > 0 ? id : BuildIdReader.read(Path.of(p.replace(" (deleted)", "")));
        });
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Path proc(int pid) {
        return Path.of("/proc", Integer.toString(pid));
    }
}
