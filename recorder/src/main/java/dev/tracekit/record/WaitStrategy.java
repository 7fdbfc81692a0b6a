package dev.tracekit.record;

import dev.tracekit.ptrace.Wait;

/**
 * How the tracer thread waits for the next stop: it polls waitpid(WNOHANG) for up to
 * {@link #SPIN_NANOS}, yielding its CPU between polls, and only then blocks.
 * <p>
 * A tracee's next stop usually comes within microseconds. Blocking costs a sleep and a wake-up
 * per stop, and waking an idle vCPU is slow on virtual machines, so every blocking wait adds
 * tens of microseconds to the round trip. Polling takes the tracer's own wake-up out of it;
 * yielding lets a tracee queued on the tracer's CPU run at once instead of waiting out the
 * spin. Pinning the tracer thread to the tracee's CPU did not help: the kernel wakes the
 * resumed tracee on the other, idle CPU, and we leave the tracee's affinity alone. See
 * docs/benchmarks.md, "Recording speed".
 */
final class WaitStrategy {
    /** Long enough for a cheap syscall's round trip, short enough to waste little on slow ones. */
    static final long SPIN_NANOS = 20_000;

    private final Wait wait;

    WaitStrategy(Wait wait) {
        this.wait = wait;
    }

    /** The next tracee to change state, as waitpid(-1, __WALL): its tid, or -errno. */
    int next() {
        long start = System.nanoTime();
        do {
            int tid = wait.waitpid(-1, Wait.ALL | Wait.WNOHANG);
            if (tid != 0) {
                return tid;
            }
            Thread.yield();
        } while (System.nanoTime() - start < SPIN_NANOS);
        return wait.waitpid(-1, Wait.ALL);
    }
}
