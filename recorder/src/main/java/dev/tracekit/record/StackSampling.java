package dev.tracekit.record;

import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.TraceEvent;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The tracer's side of stack samples: which thread is sampled how at each round, the timer
 * samples inside calls, and the stacks copied at stops; the {@link StackWorker} unwinds and
 * writes them. Used on the tracer thread only, but for {@link #nextRoundIn}.
 * <p>
 * Stack samples must not change what the trace says. A thread inside a system call is never
 * interrupted (a blocking call would return -ERESTART* and be restarted: one call recorded as
 * two); it is unwound from where it entered the call. A thread on the CPU is sampled by the
 * kernel, through perf_event_open, without a stop; where that is refused, it is interrupted
 * and captured at its stop, in the tracer's normal dispatch.
 * <p>
 * Timer samples of a thread inside a call are taken on a grid, every sample period since the
 * epoch of System.nanoTime, whenever a round or the call's exit comes: the round need not come
 * at each point. So while perf samples every thread on the CPU, rounds come only every
 * {@link #COARSE_ROUND_NANOS}; each wakes the timer, the doorbell and the tracer, which on a
 * busy machine takes CPU from the tracee too.
 */
final class StackSampling {
    static final long COARSE_ROUND_NANOS = 100_000_000;
    /** {@link TracedThread#callSampledUntil} once the call has no more samples to give. */
    private static final long NO_MORE = Long.MAX_VALUE;

    /** Both null when no stacks are taken. */
    private final TracedStacks stacks;
    private final StackWorker worker;
    private final PerfThreads perf;
    /** Nanoseconds between two timer samples of a thread; 0 without timer samples. */
    private final long samplePeriod;
    /** False with -e trace=none: only /proc tells which thread sleeps in a call. */
    private final boolean syscallStops;
    private final BooleanSupplier recording;
    private final Consumer<TraceEvent> out;
    private final Runnable hurryRounds;
    /** A thread is interrupted, or found blocked through /proc, at each round: rounds must come at the full rate. */
    private volatile boolean fullRateRounds = true;

    /** A stack copied at a stop, before the thread was let go. */
    record Copied(TracedStacks.Captured captured, long time) {
    }

    /**
     * @param stacks       where stacks come from, or null to take none
     * @param perf         which threads perf samples on the CPU
     * @param sampleHz     timer samples per second, or 0
     * @param syscallStops whether tracees stop at every call
     * @param recording    whether the recording has started: samples before are not written
     * @param out          where samples go, from the tracer thread and the worker's
     * @param hurryRounds  brings the next round within a sample period
     */
    StackSampling(TracedStacks stacks, PerfThreads perf, int sampleHz, boolean syscallStops, BooleanSupplier recording,
                  Consumer<TraceEvent> out, Runnable hurryRounds) {
        this.stacks = stacks;
        this.worker = stacks == null ? null : new StackWorker(stacks, out, perf.sampler());
        this.perf = perf;
        this.samplePeriod = sampleHz == 0 ? 0 : 1_000_000_000L / sampleHz;
        this.syscallStops = syscallStops;
        this.recording = recording;
        this.out = out;
        this.hurryRounds = hurryRounds;
    }

    void start() {
        if (worker != null) {
            worker.start();
        }
    }

    /** Every sample is written: call before the log closes. */
    void finish() {
        if (worker != null) {
            worker.finish();
        }
    }

    /** Any thread: nanoseconds until the next round is due. */
    long nextRoundIn() {
        return fullRateRounds ? samplePeriod : Math.max(samplePeriod, COARSE_ROUND_NANOS);
    }

    /** A new thread perf does not sample (yet): it is to be interrupted at every round, starting soon. */
    void needFullRate() {
        if (!fullRateRounds) {
            fullRateRounds = true;
            hurryRounds.run();
        }
    }

    /**
     * At a call's entry stop, with timer samples: reads what unwinding the call's stack will
     * need beyond its stack and instruction pointers, the frame pointer. One PTRACE_PEEKUSER;
     * without it, frames of code built with frame pointers would end the stacks of its calls.
     * An execve's stack is copied now, and unwound only if a sample falls inside the call:
     * there the kernel replaces the program's memory, which a copy taken then would read. (Its
     * maps go too; the modules a new process has from its parent unwind it.)
     */
    void atEntry(TracedThread thread, boolean exec) {
        if (samplePeriod == 0 || !recording.getAsBoolean()) {
            return;
        }
        thread.entryBp = Ptrace.peekUser(thread.tid, Ptrace.USER_REGS_RBP);
        if (exec) {
            thread.entryCopy = copyCall(thread);
        }
    }

    /**
     * Samples every thread, each the way that leaves the trace as it is: threads inside a call
     * are unwound without stopping them, threads on the CPU are left to perf, group-stopped ones
     * and those held at their exit are left alone; the rest are captured when their stop is
     * answered ({@code sampleDue} already set: those stopped now) or interrupted and captured
     * at their stop. A thread under seccomp that stopped since the last round is captured at its
     * next stop rather than interrupted: an interrupt that met a call's entry would leave it a
     * signal pending, and under seccomp the call cannot be skipped and made again (the tracer's
     * skipToMakeAgain). If no stop comes by the next round, it runs its own code: interrupted then.
     */
    void round(Collection<TracedThread> threads) {
        long now = System.nanoTime();
        for (TracedThread thread : threads) {
            boolean stoppedSinceLastRound = thread.syscallStops != thread.stopsAtLastRound;
            thread.stopsAtLastRound = thread.syscallStops;
            if (thread.groupStopped || thread.interruptPending || thread.heldForUnwinder) {
                continue; // held by us: sampled once let go, if at all
            }
            boolean awaitedInVain = thread.sampleAwaitsStop && !stoppedSinceLastRound; // it runs its own code
            if (thread.sampleDue && !awaitedInVain) {
                continue; // captured at the stop it is in, or at the one to come
            }
            if (thread.inSyscall) {
                callUntil(thread, now, true);
            } else if (!syscallStops && sampleIfBlocked(thread, now)) {
                continue;
            } else if (thread.perfSampled) {
                continue; // on the CPU perf samples it; runnable but off the CPU, it is not sampled
            } else if (syscallStops && thread.underSeccomp && stoppedSinceLastRound) {
                thread.sampleDue = true;
                thread.sampleAwaitsStop = true;
            } else if (Ptrace.interrupt(thread.tid) == 0) {
                thread.interruptPending = true;
                thread.sampleDue = true;
                thread.sampleAwaitsStop = false;
            }
        }
        perf.review(threads, now);
        if (!syscallStops || threads.stream().anyMatch(thread -> !thread.perfSampled)) {
            needFullRate(); // the review may have let a thread go: the timer set a slow round before it
        } else {
            fullRateRounds = false;
        }
    }

    /**
     * The timer samples of a thread inside a call, one at each point of the sample period's grid
     * since the last ones up to {@code until}, all with the stack it entered the call with: that
     * holds until the call returns. A stack not yet unwound is copied (when {@code canCopy}: the
     * thread is alive and holds still or sleeps in the call; or taken from the copy made at the
     * call's entry) and unwound by the worker.
     */
    void callUntil(TracedThread thread, long until, boolean canCopy) {
        long from = thread.callSampledUntil;
        if (from == NO_MORE) {
            return;
        }
        thread.callSampledUntil = until;
        if (samplePeriod == 0 || !recording.getAsBoolean()) {
            return;
        }
        long first = Math.floorDiv(from, samplePeriod) + 1;
        long last = Math.floorDiv(until, samplePeriod);
        if (last < first) {
            return;
        }
        long[] times = new long[(int) (last - first + 1)];
        for (int i = 0; i < times.length; i++) {
            times[i] = (first + i) * samplePeriod;
        }
        StackWorker.CallStack known = thread.callStack;
        if (known != null && known.serial() == thread.callSerial) {
            for (long time : times) {
                out.accept(new StackSample(time, thread.tid, StackSample.Trigger.TIMER, thread.syscallNumber, known.stack()));
            }
        } else if (thread.entryCopy != null || canCopy) {
            unwindCall(thread, thread.entryCopy != null ? thread.entryCopy : copyCall(thread), times);
        }
    }

    /** The stack of the call the thread is in, copied with the registers its entry left known. */
    private TracedStacks.Captured copyCall(TracedThread thread) {
        return stacks.copyBlocked(thread.tid, thread.entrySp, thread.entryPc, thread.entryBp, thread.syscallArgs);
    }

    /**
     * The worker unwinds a copy of the call's stack, writes a timer sample at each of
     * {@code times} and hands the stack back to the thread for the call's later samples.
     */
    private void unwindCall(TracedThread thread, TracedStacks.Captured copy, long[] times) {
        worker.unwind(new StackWorker.Job(thread.processId(), thread.tid, copy, thread.syscallNumber, StackWorker.NONE,
                times, thread, thread.callSerial));
    }

    /**
     * At a stop that ends what the thread's call can show (its execve replaced the program, or
     * its exit is taking the process down): timer samples of the call so far, then none more,
     * for its stack and memory are going or gone.
     *
     * @param canCopy whether the stack entered with is still there to copy
     */
    void endCall(TracedThread thread, long now, boolean canCopy) {
        callUntil(thread, now, canCopy);
        thread.callSampledUntil = NO_MORE;
    }

    /**
     * Without syscall stops only /proc says whether a thread sleeps in a call; then it is
     * unwound from there rather than interrupted, so that its call is not cut short. A thread
     * that has not run since it was last found blocked is in the same call with the same stack:
     * it is sampled on the grid from the stack already unwound, without reading /proc/TID/syscall
     * or its stack again.
     */
    private boolean sampleIfBlocked(TracedThread thread, long now) {
        if (thread.procFiles == null) {
            thread.procFiles = ThreadProcFiles.open(thread.tid);
        }
        ThreadProcFiles files = thread.procFiles;
        long cpuTime = files == null ? -1 : files.cpuTime();
        if (thread.blockedIn != null && cpuTime >= 0 && cpuTime == thread.cpuTimeWhenBlocked) {
            callUntil(thread, now, true);
            return true;
        }
        // Files that would not open (out of descriptors) are read the slow way.
        BlockedCall call = files == null ? BlockedCall.of(thread.tid) : files.blockedCall();
        if (call == null) {
            thread.blockedIn = null;
            return false;
        }
        thread.foundBlocked(call, cpuTime, now);
        unwindCall(thread, copyCall(thread), new long[] {now});
        return true;
    }

    /** At a stop, before the thread is let go: the copy of its stack due now, or null. */
    Copied copyIfDue(TracedThread thread) {
        if (thread.perfSampled && !thread.inSyscall) {
            thread.sampleDue = false; // out of a call it runs user code, where perf samples it
        }
        return thread.sampleDue || thread.entryStackDue ? new Copied(stacks.capture(thread.tid), System.nanoTime()) : null;
    }

    /** After the thread was let go: what {@link #copyIfDue} copied goes to the worker. */
    void unwindCopied(TracedThread thread, Copied copied) {
        boolean timer = thread.sampleDue && recording.getAsBoolean();
        boolean entry = thread.entryStackDue;
        thread.sampleDue = false;
        thread.sampleAwaitsStop = false;
        thread.entryStackDue = false;
        if (copied != null && (timer || entry)) {
            // An entry stack is also the stack of the whole call, for the timer samples inside it.
            worker.unwind(new StackWorker.Job(thread.processId(), thread.tid, copied.captured(),
                    thread.inSyscall ? thread.syscallNumber : StackSample.ON_CPU,
                    entry ? thread.syscallEntryTime : StackWorker.NONE,
                    timer ? new long[] {copied.time()} : StackWorker.NO_TIMES,
                    entry ? thread : null, thread.callSerial));
        }
    }

    /**
     * At the exit stop of a process's last thread, while its memory maps are still there, which
     * unwinding its samples needs: whether the thread must wait there until the worker has
     * unwound what it may still hold of the process (copies in its queue; perf samples in the
     * rings, once the process has had a clock tick of CPU). {@code release} runs on the worker's
     * thread when it may go.
     */
    boolean holdsExit(TracedThread thread, Runnable release) {
        if (worker == null || samplePeriod == 0 || !recording.getAsBoolean()) {
            return false;
        }
        if (!worker.busy() && (perf.sampler() == null || ProcSnapshot.cpuTicks(thread.processId()) < 1)) {
            return false;
        }
        worker.whenCaughtUp(release);
        return true;
    }

    /** The modules of {@code pid} may have changed: re-read before its next stack. */
    void mappingsChanged(int pid) {
        if (worker != null) {
            worker.mappingsChanged(pid);
        }
    }

    /** A new process: its modules are its parent's until its own maps change. */
    void forked(int child, int parent) {
        if (worker != null) {
            worker.forked(child, parent);
        }
    }

    /** The process {@code pid} is gone or replaced by an execve: its modules are dropped. */
    void forget(int pid) {
        if (worker != null) {
            worker.forget(pid);
        }
    }
}
