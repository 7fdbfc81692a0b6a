package dev.tracekit.stack.sample;

import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.ptrace.WaitStatus;

/**
 * Waits with waitpid(tid, __WALL) on the calling thread, which must be the tracer: for a caller
 * that seized the process only to sample it. A signal that arrives first is passed on to the
 * thread, and the interrupt's stop follows. Resumes with PTRACE_CONT.
 */
public final class DirectStopControl implements StopControl {
    private final Wait wait = new Wait();

    @Override
    public boolean awaitInterruptStop(int tid) {
        while (true) {
            int got = wait.waitpid(tid, Wait.ALL);
            if (got == -Wait.EINTR) {
                continue;
            }
            if (got < 0) {
                return false;
            }
            int status = wait.status();
            if (!WaitStatus.stopped(status)) {
                return false; // exited or killed
            }
            if (WaitStatus.event(status) == Ptrace.EVENT_STOP) {
                return true;
            }
            int signal = WaitStatus.event(status) == 0 ? WaitStatus.stopSignal(status) : 0;
            if (Ptrace.cont(tid, signal) != 0) {
                return false;
            }
        }
    }

    @Override
    public void resume(int tid) {
        Ptrace.cont(tid, 0);
    }
}
