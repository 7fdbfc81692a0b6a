package dev.tracekit.trace.event;

import java.util.Objects;

/** A thread's comm changed (prctl PR_SET_NAME, pthread_setname_np, or an exec). */
public record ThreadRenamed(long time, int tid, String name) implements TraceEvent {
    public ThreadRenamed {
        Objects.requireNonNull(name, "name");
    }
}
