package dev.tracekit.trace.event;

/** A thread as the recorder found it; {@code name} is its comm, null when unreadable. */
public record ThreadInfo(long time, int tid, int pid, String name) implements TraceEvent {
}
