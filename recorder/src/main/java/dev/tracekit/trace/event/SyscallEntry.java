package dev.tracekit.trace.event;

import java.util.List;
import java.util.Objects;

/**
 * A system call that was entered and never returned: exit_group, a successful execve, a thread
 * killed inside the call, or one still blocked when recording stopped.
 */
public record SyscallEntry(long time, int tid, int number, SyscallArgs args, List<Capture> captures)
        implements TraceEvent {
    public SyscallEntry {
        Objects.requireNonNull(args, "args");
        captures = List.copyOf(captures);
    }
}
