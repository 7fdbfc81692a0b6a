package dev.tracekit.record;

import dev.tracekit.perf.PerfSample;
import dev.tracekit.perf.TaskClockSampler;
import dev.tracekit.ptrace.Native;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.TraceEvent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Unwinds, symbolizes and writes the stacks the tracer captured, on a thread of its own, so
 * that the tracer thread only interrupts, copies and resumes, and is back at waitpid at once.
 * The thread runs at a lower priority (nice {@link #NICE}): on a busy machine the tracees it
 * would take a CPU from come first. Jobs are done in the order they came, each sample written
 * with its own capture time; {@link #finish} returns once every job is done, so that every
 * sample is in the log before it closes. When the queue is full the tracer waits for room:
 * copies of 32 KiB each must not pile up without bound.
 * <p>
 * With perf_event_open sampling it also reads the samples the kernel took of threads on the
 * CPU, at least every {@link TaskClockSampler#drainPeriodNanos}. A process's modules must be
 * forgotten or re-read only after the samples taken before its execve or mmap are unwound and
 * before any taken after: such a job drains the samples up to its own time first, and until it
 * has run no drain goes beyond that time.
 * <p>
 * Unwinding needs the process's memory maps (read at its first sample), which go with the
 * process: {@link #whenCaughtUp} tells the tracer when a process that is about to end can go.
 */
final class StackWorker {
    static final int NICE = 10;
    static final int CAPACITY = 256;
    static final long NONE = Long.MIN_VALUE;
    static final long[] NO_TIMES = {};
    private static final int PRIO_PROCESS = 0;
    private static final long SYS_GETTID = 186;

    private final TracedStacks stacks;
    private final Consumer<TraceEvent> out;
    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(CAPACITY);
    /** Null when threads on the CPU are sampled the ptrace way. */
    private final TaskClockSampler perf;
    /** Times of the module jobs queued and not yet run, oldest first: drains stop at the first. */
    private final ConcurrentLinkedQueue<Long> barriers = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean finishing;
    /** Jobs submitted and not yet done. */
    private final AtomicInteger unfinished = new AtomicInteger();

    /** The stack a thread is blocked with in call number {@code serial} of it. */
    record CallStack(int serial, Stack stack) {
    }

    /**
     * One capture to unwind: the samples to write of it (the entry sample at its time, or
     * {@link #NONE}; a timer sample at each of {@code timerTimes}), and the thread whose
     * {@link TracedThread#callStack} it becomes (or null).
     */
    record Job(int pid, int tid, TracedStacks.Captured captured, int syscall, long entryTime, long[] timerTimes,
               TracedThread caller, int serial) {
    }

    /** @param perf where the samples of threads on the CPU come from, or null for the tracer's captures alone */
    StackWorker(TracedStacks stacks, Consumer<TraceEvent> out, TaskClockSampler perf) {
        this.stacks = stacks;
        this.out = out;
        this.perf = perf;
        this.thread = new Thread(this::work, "tracekit-unwinder");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void unwind(Job job) {
        submit(() -> run(job));
    }

    void forget(int pid) {
        afterEarlierSamples(() -> stacks.forget(pid));
    }

    void mappingsChanged(int pid) {
        afterEarlierSamples(() -> stacks.mappingsChanged(pid));
    }

    void forked(int child, int parent) {
        afterEarlierSamples(() -> stacks.forked(child, parent));
    }

    /**
     * Runs {@code then} on the worker's thread once every capture submitted so far, and every
     * perf sample taken so far, is unwound.
     */
    void whenCaughtUp(Runnable then) {
        afterEarlierSamples(then);
    }

    /** Whether captures wait to be unwound. */
    boolean busy() {
        return unfinished.get() > 0;
    }

    /** Does every job submitted so far, then ends the thread. */
    void finish() {
        finishing = true;
        submit(() -> { });
        Joins.uninterruptibly(thread, () -> { }); // no capture may be lost
    }

    /** A job that needs the samples taken before it unwound first, as one that changes what a process's addresses mean. */
    private void afterEarlierSamples(Runnable job) {
        if (perf == null) {
            submit(job);
            return;
        }
        long now = System.nanoTime();
        barriers.add(now);
        submit(() -> {
            try {
                drainPerf(now);
            } finally {
                barriers.poll();
                job.run(); // also when a sample failed: a thread held at its exit waits for it
            }
        });
    }

    private void submit(Runnable job) {
        if (!thread.isAlive()) {
            job.run(); // not started, or finished: nothing else uses the stacks now
            return;
        }
        unfinished.incrementAndGet();
        boolean interrupted = false;
        while (true) {
            try {
                jobs.put(job);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        int tid = (int) Native.libc().syscall(SYS_GETTID, 0, 0, 0, 0, 0, 0);
        Native.libc().setpriority(PRIO_PROCESS, tid, NICE); // best effort: at worst it competes as before
        while (true) {
            Runnable job;
            try {
                job = perf == null ? jobs.take() : jobs.poll(perf.drainPeriodNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // only finish ends the worker, so that no capture is lost
            }
            if (job != null) {
                runSafely(job);
                unfinished.decrementAndGet();
            }
            if (perf != null) {
                Long barrier = barriers.peek();
                runSafely(() -> drainPerf(barrier == null ? Long.MAX_VALUE : barrier));
            }
            if (finishing && jobs.isEmpty()) {
                if (perf != null) {
                    runSafely(() -> drainPerf(Long.MAX_VALUE)); // what came since the drain above
                }
                return;
            }
        }
    }

    private static void runSafely(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            // costs this sample; the worker must live on, or the tracer would wait on a full queue
        }
    }

    /** Unwinds and writes the samples perf took up to {@code until}, each as a timer sample on the CPU. */
    private void drainPerf(long until) {
        perf.drain(until, this::unwindPerf);
    }

    private void unwindPerf(PerfSample sample) {
        run(new Job(sample.pid(), sample.tid(), stacks.captured(sample), StackSample.ON_CPU, NONE, new long[] {sample.time()},
                null, 0));
    }

    private void run(Job job) {
        CallStack known = job.caller() == null ? null : job.caller().callStack;
        // A copy the tracer made before the stack of its call came back needs no unwinding.
        Stack stack = known != null && known.serial() == job.serial() ? known.stack()
                : stacks.unwind(job.pid(), job.captured());
        if (stack == null) {
            return;
        }
        if (job.caller() != null) {
            job.caller().callStack = new CallStack(job.serial(), stack);
        }
        if (job.entryTime() != NONE) {
            // At the call's own entry time: the analyzer joins the two on thread and time.
            out.accept(new StackSample(job.entryTime(), job.tid(), StackSample.Trigger.SYSCALL_ENTRY, job.syscall(), stack));
        }
        for (long time : job.timerTimes()) {
            out.accept(new StackSample(time, job.tid(), StackSample.Trigger.TIMER, job.syscall(), stack));
        }
    }
}
