package dev.tracekit.stack.sample;

/**
 * How the sampler meets the stops it asks for. The kernel reports every stop of a tracee to one
 * waitpid loop, so whoever owns that loop implements this: {@link DirectStopControl} when the
 * sampler is the only one waiting (tests, a pstack-like tool), the Tracer when it records.
 */
public interface StopControl {
    /**
     * Blocks until {@code tid} reports the PTRACE_EVENT_STOP that PTRACE_INTERRUPT asked for,
     * dealing with any other stop on the way; false when the thread is gone.
     */
    boolean awaitInterruptStop(int tid);

    /** Lets a thread stopped by {@link #awaitInterruptStop} run on (PTRACE_CONT or PTRACE_SYSCALL). */
    void resume(int tid);
}
