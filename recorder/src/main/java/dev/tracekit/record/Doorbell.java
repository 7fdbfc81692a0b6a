package dev.tracekit.record;

import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.PtraceException;
import dev.tracekit.ptrace.Spawner;

import java.util.List;

/**
 * Wakes the tracer from waitpid. A tiny child that sleeps forever is seized by the tracer;
 * any thread rings by sending it SIGUSR1, which waitpid reports as a signal-delivery-stop.
 * No polling: past the short spin of {@link WaitStrategy}, the tracer sleeps until a tracee or
 * the doorbell needs it.
 */
final class Doorbell {
    private static final int SIGUSR1 = 10;
    private static final int SIGKILL = 9;
    private final int pid;
    private boolean removed;

    private Doorbell(int pid) {
        this.pid = pid;
    }

    /** Must run on the tracer thread: the kernel ties a tracee to the thread that seized it. */
    static Doorbell install() throws PtraceException {
        int pid = Spawner.spawn("/bin/sleep", List.of("tracekit-doorbell", "infinity"));
        int error = Ptrace.seize(pid, Ptrace.O_EXITKILL);
        if (error != 0) {
            Native.libc().kill(pid, SIGKILL);
            throw new PtraceException("ptrace(PTRACE_SEIZE, " + pid + ") of the tracer's doorbell", error,
                    "is ptrace restricted here (kernel.yama.ptrace_scope, a container without CAP_SYS_PTRACE)?");
        }
        return new Doorbell(pid);
    }

    int pid() {
        return pid;
    }

    /**
     * Safe from any thread. After {@link #remove} it does nothing: once the tracer reaps the
     * doorbell, its pid may be another process's, which the signal would kill.
     */
    synchronized void ring() {
        if (!removed) {
            Native.libc().kill(pid, SIGUSR1);
        }
    }

    /** Lets the doorbell sleep on, swallowing the signal that rang it. */
    void answer() {
        Ptrace.cont(pid, 0);
    }

    synchronized void remove() {
        removed = true;
        Native.libc().kill(pid, SIGKILL);
    }
}
