package dev.tracekit.trace.event;

import java.util.List;

/**
 * A process as the recorder found it: at attach, or when it first saw it.
 * {@code exe} and {@code cwd} are null when they could not be read (the process was gone).
 */
public record ProcessInfo(long time, int pid, int ppid, String exe, List<String> argv, String cwd)
        implements TraceEvent {
    public ProcessInfo {
        argv = List.copyOf(argv);
    }
}
