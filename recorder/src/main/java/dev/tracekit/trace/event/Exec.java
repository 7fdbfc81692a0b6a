package dev.tracekit.trace.event;

/**
 * A successful execve. When a non-leader thread execs, the kernel gives the process leader's
 * tid to it: {@code formerTid} is the tid it had, {@code pid} the one it has now.
 */
public record Exec(long time, int pid, int formerTid) implements TraceEvent {
}
