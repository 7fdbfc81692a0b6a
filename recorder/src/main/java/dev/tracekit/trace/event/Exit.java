package dev.tracekit.trace.event;

/**
 * A thread or process ended.
 *
 * @param waitStatus the status word waitpid reported, as in {@code <sys/wait.h>}
 */
public record Exit(long time, int tid, int waitStatus) implements TraceEvent {
    public boolean exited() {
        return (waitStatus & 0x7f) == 0;
    }

    public int exitCode() {
        return (waitStatus >> 8) & 0xff;
    }

    /** The signal that killed it, or 0 when it exited. */
    public int termSignal() {
        return exited() ? 0 : waitStatus & 0x7f;
    }

    public boolean coreDumped() {
        return !exited() && (waitStatus & 0x80) != 0;
    }
}
