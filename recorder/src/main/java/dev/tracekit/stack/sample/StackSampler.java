package dev.tracekit.stack.sample;

import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.stack.RegisterSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes one sample of a process's threads: PTRACE_INTERRUPT every thread first (a stop can take
 * milliseconds to arrive on a busy machine, so the waits overlap), then for each in turn wait for
 * its stop, read registers and stack, and resume it at once. Unwinding happens afterwards, from
 * the copies. Must run on the tracer thread.
 */
public final class StackSampler {
    private final CaptureReader reader;
    private final StopControl stops;

    public StackSampler(CaptureReader reader, StopControl stops) {
        this.reader = reader;
        this.stops = stops;
    }

    /** Captures of the threads still alive; each is resumed right after its capture unless {@code resume} is false. */
    public List<ThreadCapture> sample(int pid, int[] tids, boolean resume) {
        long[] interruptedAt = new long[tids.length];
        boolean[] interrupted = new boolean[tids.length];
        for (int i = 0; i < tids.length; i++) {
            interruptedAt[i] = System.nanoTime();
            interrupted[i] = Ptrace.interrupt(tids[i]) == 0;
        }
        List<ThreadCapture> captures = new ArrayList<>(tids.length);
        for (int i = 0; i < tids.length; i++) {
            if (!interrupted[i] || !stops.awaitInterruptStop(tids[i])) {
                continue;
            }
            ThreadCapture capture = capture(pid, tids[i], resume, interruptedAt[i]);
            if (capture != null) {
                captures.add(capture);
            }
        }
        return captures;
    }

    /** Reads a thread that is already in a ptrace stop; the Tracer calls this from its own loop. */
    public ThreadCapture capture(int pid, int tid, boolean resume, long interruptedAt) {
        RegisterSet registers = reader.registers(tid);
        var stack = registers == null ? null : reader.stack(pid, registers.sp());
        if (resume) {
            stops.resume(tid);
        }
        long pause = System.nanoTime() - interruptedAt;
        return registers == null ? null : new ThreadCapture(tid, registers, stack, pause);
    }
}
