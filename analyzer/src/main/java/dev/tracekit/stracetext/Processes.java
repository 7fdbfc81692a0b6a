package dev.tracekit.stracetext;

import dev.tracekit.db.ProcessRow;
import dev.tracekit.db.ProcessTables;
import dev.tracekit.db.ThreadRow;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads and processes as strace text reveals them: a tid first seen is taken for a process of
 * its own until a clone with CLONE_THREAD says whose thread it is (the child's first lines often
 * come before its parent's clone returns); fork, vfork and clone without it make a child process
 * that inherits its parent's program; execve names the program; {@code +++} lines end them.
 */
final class Processes {
    private static final int MAX_ARGV = 4096;
    private final Map<Integer, ThreadRow> threads = new HashMap<>();
    private final Map<Integer, ProcessRow> processes = new LinkedHashMap<>();

    void seen(int tid, long time, String comm) {
        ThreadRow thread = threads.get(tid);
        if (thread == null) {
            thread = new ThreadRow(tid, tid, time);
            threads.put(tid, thread);
            processes.computeIfAbsent(tid, pid -> new ProcessRow(time));
        }
        if (comm != null) {
            thread.name = comm;
        }
    }

    Integer pidOf(int tid) {
        ThreadRow thread = threads.get(tid);
        return thread == null ? null : thread.pid;
    }

    static boolean creates(String name) {
        return switch (name) {
            case "clone", "clone3", "fork", "vfork" -> true;
            default -> false;
        };
    }

    /** The unprefixed lines' thread turned out to be {@code to}: what was recorded of it is merged into {@code to}'s. */
    void rename(int from, int to) {
        ThreadRow thread = threads.remove(from);
        ProcessRow process = processes.remove(from);
        if (thread == null) {
            return;
        }
        ThreadRow known = threads.get(to);
        if (known == null || known.started > thread.started) {
            thread.tid = to;
            thread.pid = to;
            if (known != null) {
                thread.ended = known.ended != null ? known.ended : thread.ended;
                thread.name = known.name != null ? known.name : thread.name;
            }
            threads.put(to, thread);
        }
        if (process != null) {
            ProcessRow current = processes.get(to);
            if (current == null || current.exe == null) {
                if (current != null) {
                    process.ended = current.ended != null ? current.ended : process.ended;
                    process.exitCode = current.exitCode != null ? current.exitCode : process.exitCode;
                }
                processes.put(to, process);
            }
        }
        for (ThreadRow other : threads.values()) {
            other.pid = other.pid == from ? to : other.pid;
        }
        for (ProcessRow other : processes.values()) {
            other.ppid = other.ppid != null && other.ppid == from ? Integer.valueOf(to) : other.ppid;
        }
    }

    /** What a returned call changes: a new thread or process, or a new program. */
    void returned(int tid, long time, String name, String args, long ret) {
        switch (name) {
            case "clone", "clone3", "fork", "vfork" -> {
                if (ret > 0 && ret <= Integer.MAX_VALUE) {
                    created(tid, (int) ret, time, name.startsWith("clone") && args.contains("CLONE_THREAD"));
                }
            }
            case "execve", "execveat" -> {
                if (ret == 0) {
                    execed(tid, args);
                }
            }
            default -> {
            }
        }
    }

    private void created(int parentTid, int child, long time, boolean thread) {
        seen(parentTid, time, null);
        int parentPid = threads.get(parentTid).pid;
        ThreadRow row = threads.get(child);
        if (row == null) {
            row = new ThreadRow(child, child, time);
            threads.put(child, row);
        }
        if (thread) {
            row.pid = parentPid;
            ProcessRow provisional = processes.get(child);
            if (provisional != null && provisional.exe == null) {
                processes.remove(child);
            }
            return;
        }
        ProcessRow process = processes.computeIfAbsent(child, pid -> new ProcessRow(time));
        ProcessRow parent = processes.get(parentPid);
        process.ppid = parentPid;
        if (parent != null && process.exe == null) {
            process.exe = parent.exe;
            process.argv = parent.argv;
        }
    }

    /** execve's and execveat's first string is the program, the array's strings its argv. */
    private void execed(int tid, String args) {
        List<String> strings = ExecArgs.strings(args, MAX_ARGV);
        ThreadRow thread = threads.get(tid);
        ProcessRow process = processes.get(thread.pid);
        if (process == null || strings.isEmpty()) {
            return;
        }
        process.exe = strings.get(0);
        process.argv = strings.subList(1, strings.size());
        thread.name = ExecArgs.comm(process.exe);
    }

    void exited(int tid, long time, Integer code, String signal, boolean core) {
        ThreadRow thread = threads.get(tid);
        if (thread == null) {
            return;
        }
        thread.ended = time;
        thread.exitCode = code;
        thread.termSignal = signal;
        ProcessRow process = thread.pid == tid ? processes.get(tid) : null;
        if (process != null) {
            process.ended = time;
            process.exitCode = code;
            process.termSignal = signal;
            process.coreDumped = signal == null ? null : core;
        }
    }

    /** Thread {@code former} exec'd, became its process's leader and is gone under its old tid. */
    void superseded(int former, long time) {
        ThreadRow thread = threads.get(former);
        if (thread != null) {
            thread.ended = time;
        }
    }

    void write(DuckDBConnection connection, int traceId) throws SQLException {
        ProcessTables.write(connection, traceId, processes, threads.values());
    }
}
