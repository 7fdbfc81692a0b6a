package dev.tracekit.stack.sample;

import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.PtraceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every thread of a running process seized for sampling only (no syscall stops), and released
 * by {@link #close}: the way a pstack-like tool or a test uses the sampler. The thread that
 * creates it is the tracer and must make every later call.
 */
public final class SeizedProcess implements AutoCloseable {
    private static final int EPERM = 1;

    private final int pid;
    private final Set<Integer> threads = new LinkedHashSet<>();
    private final DirectStopControl direct = new DirectStopControl();
    /** Threads in a ptrace stop now: {@link #close} detaches them without interrupting again. */
    private final Set<Integer> held = new HashSet<>();
    private final StopControl stops = new StopControl() {
        @Override
        public boolean awaitInterruptStop(int tid) {
            boolean stopped = direct.awaitInterruptStop(tid);
            if (stopped) {
                held.add(tid);
            }
            return stopped;
        }

        @Override
        public void resume(int tid) {
            held.remove(tid);
            direct.resume(tid);
        }
    };

    private SeizedProcess(int pid) {
        this.pid = pid;
    }

    /** Seizes every thread, again until no new one appears (threads may start meanwhile). */
    public static SeizedProcess seize(int pid) throws IOException {
        SeizedProcess process = new SeizedProcess(pid);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int tid : taskIds(pid)) {
                if (!process.threads.contains(tid)) {
                    int errno = Ptrace.seize(tid, 0);
                    if (errno != 0 && process.threads.isEmpty()) {
                        throw new PtraceException("ptrace(PTRACE_SEIZE, " + tid + ")", errno,
                                errno == EPERM ? "is another tracer attached, or is ptrace forbidden here?" : null);
                    }
                    if (errno == 0) {
                        process.threads.add(tid);
                        grew = true;
                    }
                }
            }
        }
        return process;
    }

    public int pid() {
        return pid;
    }

    public int[] threads() {
        return threads.stream().mapToInt(Integer::intValue).toArray();
    }

    public StopControl stops() {
        return stops;
    }

    /**
     * Detaches every thread, interrupting those that run first (PTRACE_DETACH needs a stopped
     * tracee); the process runs on, or stays stopped if it was group-stopped (SIGSTOP).
     */
    @Override
    public void close() {
        for (int tid : threads) {
            if (held.contains(tid) || Ptrace.interrupt(tid) == 0 && direct.awaitInterruptStop(tid)) {
                Ptrace.detach(tid, 0);
            }
        }
        threads.clear();
        held.clear();
    }

    private static int[] taskIds(int pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            int[] ids = tasks.mapToInt(task -> Integer.parseInt(task.getFileName().toString())).toArray();
            Arrays.sort(ids);
            return ids;
        }
    }
}
