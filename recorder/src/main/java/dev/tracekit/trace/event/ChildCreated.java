package dev.tracekit.trace.event;

import java.util.Objects;

/** A new thread or process created by clone, fork or vfork in {@code parentTid}. */
public record ChildCreated(long time, int parentTid, int childTid, Kind kind) implements TraceEvent {
    public enum Kind { THREAD, FORK, VFORK, CLONE_PROCESS }

    public ChildCreated {
        Objects.requireNonNull(kind, "kind");
    }
}
