package dev.tracekit.record;

import dev.tracekit.perf.TaskClockSampler;
import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.NativeBuffer;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.PtraceException;
import dev.tracekit.ptrace.Spawner;
import dev.tracekit.ptrace.SyscallStopInfo;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.ptrace.WaitStatus;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceHeader;
import dev.tracekit.trace.event.TraceEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * The ptrace loop. Every ptrace and waitpid call happens on the one thread that runs this
 * object: the kernel ties each tracee to the thread that seized it. Other threads may only
 * call {@link #requestStop} and {@link #requestSample}. Every stop is answered at once, so
 * tracees wait on us as little as possible, and none is left stopped: on stop every thread is
 * detached with the signal it was about to receive.
 * <p>
 * Stack samples leave the trace as it is ({@link StackSampling}): a thread interrupted for its
 * sample may have entered a call before the interrupt landed; that call is skipped and made
 * again after the interrupt's stop ({@link InterruptedCalls}). Under seccomp, which would judge
 * the skip, a thread that stops for calls is sampled at its next stop rather than interrupted.
 */
final class Tracer {
    private static final int ESRCH = 3;
    private static final int SIGSTOP = 19;
    private static final int SIGTSTP = 20;
    private static final int SIGTTIN = 21;
    private static final int SIGTTOU = 22;
    private static final int SIGCONT = 18;
    private static final int SIGKILL = 9;
    private static final long CLONE_THREAD = 0x10000;
    /** How long a thread may be held at its exit for the unwinder. */
    private static final long HOLD_LIMIT_NANOS = 1_000_000_000;

    private final TraceWriter writer;
    private final ArgumentCapture capture;
    private final KnownCalls calls;
    private final BitSet traced;
    /** False with -e trace=none: tracees run with PTRACE_CONT, without syscall stops. */
    private final boolean syscallStops;
    /** Null when no stacks are taken. */
    private final TracedStacks stacks;
    /** Which threads perf samples on the CPU, without stopping them; the others are interrupted. */
    private final PerfThreads perf;
    private final StackSampling sampling;
    private final InterruptedCalls interruptedCalls;
    private final boolean syscallStacks;
    private final AtomicBoolean sampleRequested = new AtomicBoolean();
    private final ProcSnapshot snapshot = new ProcSnapshot();
    private final Wait wait = new Wait();
    private final WaitStrategy waitStrategy = new WaitStrategy(wait);
    private final SyscallStopInfo info = new SyscallStopInfo();
    private final NativeBuffer message = new NativeBuffer(8);
    private final NativeBuffer siginfo = new NativeBuffer(128);
    private final byte[] siginfoBytes = new byte[128];
    private final Map<Integer, TracedThread> threads = new HashMap<>();
    /** Children that ended before their parent's clone or fork event told us of them. */
    private final Set<Integer> goneBeforeAnnounced = new HashSet<>();
    private final List<Capture> captures = new ArrayList<>(4);
    private final StopBatch batch = new StopBatch();
    /** Threads held at their exit stop that the stack worker has let go. */
    private final Queue<Integer> released = new ConcurrentLinkedQueue<>();
    private volatile Doorbell doorbell;
    private volatile boolean stopRequested;
    private boolean recording;
    private int launchedPid = -1;
    private int launchedStatus = -1;
    private int snapshotAfterExecve;
    private volatile IOException writeFailure;

    /** Reads clone flags of a pending clone or clone3 call, to tell threads from processes. */
    interface CloneFlags {
        long of(int tid, int number, SyscallArgs args);
    }

    /** What a call that returned did, told from its number, arguments and result. */
    interface CallOutcome {
        boolean of(int number, SyscallArgs args, long result);
    }

    /**
     * The system calls the tracer must understand, not only record.
     *
     * @param codeChanges     the call may have mapped or unmapped code: its process's modules are re-read
     * @param restartSyscall  the call the kernel restarts an interrupted sleep with, or -1
     * @param execs           execve and execveat
     * @param seccompOn       the call put its thread, or its process, under seccomp
     */
    record KnownCalls(CloneFlags cloneFlags, CallOutcome codeChanges, int restartSyscall, IntPredicate execs,
                      CallOutcome seccompOn) {
    }

    /**
     * @param traced        the syscall numbers to record, or null for all; none means no syscall stops at all
     * @param stacks        where stacks come from, or null to take none
     * @param syscallStacks take the stack at the entry of every recorded call
     * @param perf          samples threads on the CPU, or null to interrupt them for their timer samples
     * @param sampleHz      timer samples per second
     * @param hurryRounds   asks for the next round within a sample period, when rounds were slow
     */
    Tracer(TraceWriter writer, ArgumentCapture capture, KnownCalls calls, BitSet traced, TracedStacks stacks,
           boolean syscallStacks, TaskClockSampler perf, int sampleHz, Runnable hurryRounds) {
        this.writer = writer;
        this.capture = capture;
        this.calls = calls;
        this.traced = traced;
        this.syscallStops = traced == null || !traced.isEmpty();
        this.stacks = stacks;
        this.perf = new PerfThreads(perf, sampleHz, syscallStops);
        this.sampling = new StackSampling(stacks, this.perf, sampleHz, syscallStops, () -> recording, this::write, hurryRounds);
        this.interruptedCalls = new InterruptedCalls(calls.restartSyscall(), this::write);
        this.syscallStacks = syscallStacks && syscallStops && stacks != null;
    }

    /** First call on the tracer thread. */
    void installDoorbell() throws PtraceException {
        doorbell = Doorbell.install();
    }

    /**
     * On the tracer thread, after {@link #installDoorbell} and before any tracee: runs the
     * stack sampling path on the doorbell, so that its one-time costs do not slow the tracee.
     */
    void warmUpStacks(TraceHeader header) {
        if (stacks != null && WarmUp.stacks(stacks, doorbell.pid(), wait, header)) {
            doorbell.ring(); // a sample or stop request the warm-up swallowed
        }
    }

    /** Any thread: detach everything and return from {@link #run} soon. */
    void requestStop() {
        stopRequested = true;
        if (doorbell != null) {
            doorbell.ring();
        }
    }

    /**
     * The timer: take a round of stack samples soon. A request not yet served absorbs the next.
     *
     * @return nanoseconds until the next round is due
     */
    long requestSample() {
        Doorbell bell = doorbell;
        if (stacks != null && bell != null && !sampleRequested.getAndSet(true)) {
            bell.ring();
        }
        return sampling.nextRoundIn();
    }

    /** Seizes every thread of {@code pid}, again until no new one appears, and writes its snapshot. */
    void attach(int pid) throws RecordException {
        if (!Path.of("/proc", Integer.toString(pid)).toFile().isDirectory()) {
            throw new RecordException("no such process: " + pid, 3);
        }
        boolean seizedAny = true;
        while (seizedAny) {
            seizedAny = false;
            for (int tid : ProcSnapshot.threadIds(pid)) {
                if (threads.containsKey(tid)) {
                    continue;
                }
                int error = Ptrace.seize(tid, Ptrace.TRACE_OPTIONS);
                if (error == ESRCH) {
                    continue;
                }
                if (error != 0) {
                    throw new RecordException("process " + pid + " is not traceable: "
                            + new PtraceException("ptrace(PTRACE_SEIZE, " + tid + ")", error, tracerHint(pid)).getMessage(), 3);
                }
                TracedThread thread = track(tid);
                thread.announced = true;
                thread.pid = pid;
                thread.underSeccomp = ProcSnapshot.underSeccomp(tid);
                Ptrace.interrupt(tid);
                seizedAny = true;
            }
        }
        if (threads.isEmpty()) {
            throw new RecordException("no such process: " + pid, 3);
        }
        if (stacks != null) {
            stacks.preload(pid);
        }
        recording = true;
        long now = System.nanoTime();
        writeSnapshot(snapshot.of(pid, now));
    }

    /**
     * Starts {@code command} stopped just before its execve, seizes it and lets it go: recording
     * starts at the command's execve, as with strace. {@code path} is the command found in PATH.
     */
    void launch(String path, List<String> command) throws RecordException, PtraceException {
        int pid = Spawner.spawnStopped(path, command);
        int tid = wait.waitpid(pid, Wait.WUNTRACED);
        if (tid != pid || !WaitStatus.stopped(wait.status())) {
            throw new RecordException("could not start " + command.get(0) + ": it did not stop before its execve", 1);
        }
        int error = Ptrace.seize(pid, Ptrace.TRACE_OPTIONS);
        if (error != 0) {
            Native.libc().kill(pid, SIGKILL);
            throw new PtraceException("ptrace(PTRACE_SEIZE, " + pid + ")", error, tracerHint(pid));
        }
        TracedThread thread = new TracedThread(pid);
        thread.announced = true;
        thread.pid = pid;
        thread.underSeccomp = ProcSnapshot.underSeccomp(pid); // as the recorder is, in a sandbox
        threads.put(pid, thread);
        launchedPid = pid;
        Native.libc().kill(pid, SIGCONT);
    }

    /** How many threads perf left to interrupts, because they stopped for calls so often. */
    int threadsBusyWithCalls() {
        return perf.busyWithCalls();
    }

    /** The wait status of the launched command's exit, or -1 when it did not end while traced. */
    int launchedStatus() {
        return launchedStatus;
    }

    /**
     * Runs until every tracee is gone or a stop was requested, then detaches what is left; also
     * when something failed, so that no tracee is ever left stopped behind us.
     */
    void run() throws IOException {
        sampling.start();
        try {
            traceUntilDoneOrStopped();
        } finally {
            try {
                detachAll();
            } finally {
                try {
                    removeDoorbell();
                } finally {
                    sampling.finish(); // every sample in the log before it closes
                }
            }
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    private void traceUntilDoneOrStopped() throws IOException {
        while (!threads.isEmpty() && !stopRequested) {
            int tid = waitStrategy.next();
            if (tid < 0) {
                if (-tid == Wait.EINTR) {
                    continue;
                }
                if (-tid == Wait.ECHILD) {
                    break;
                }
                throw new PtraceException("waitpid(-1, __WALL)", -tid, null);
            }
            batch.clear();
            batch.add(tid, wait.status());
            if (threads.size() > 1) {
                collectReadyStops();
            }
            for (int i = 0; i < batch.size(); i++) {
                if (batch.tid(i) == doorbell.pid()) {
                    answerDoorbell(batch.status(i));
                    resumeReleased();
                    if (sampleRequested.getAndSet(false)) {
                        sampleRound(i + 1);
                    }
                } else {
                    handleStop(batch.tid(i), batch.status(i));
                }
            }
        }
    }

    /**
     * Takes every stop already waiting before answering any. waitpid reports tracees in a fixed
     * order, so answering one stop at a time lets busy threads early in that order starve the
     * others; a batch gives each stopped thread its turn.
     */
    private void collectReadyStops() {
        int tid;
        while ((tid = wait.waitpid(-1, Wait.ALL | Wait.WNOHANG)) > 0) {
            batch.add(tid, wait.status());
        }
    }

    /**
     * Samples every thread, each the way that leaves the trace as it is: threads inside a call
     * are unwound without stopping them, threads on the CPU are left to perf, group-stopped ones
     * are left alone; the rest are captured when their stop is answered (those stopped in this
     * batch) or interrupted and captured at their stop.
     */
    private void sampleRound(int firstUnanswered) {
        if (!recording) {
            return;
        }
        for (int i = firstUnanswered; i < batch.size(); i++) {
            TracedThread stopped = threads.get(batch.tid(i));
            if (stopped != null && WaitStatus.stopped(batch.status(i)) && !stopped.inSyscall) {
                stopped.sampleDue = true;
                stopped.sampleAwaitsStop = false; // the stop is here: captured when it is answered
            }
        }
        releaseOverdue(System.nanoTime());
        sampling.round(threads.values());
    }

    /**
     * A thread held at its exit goes on after {@link #HOLD_LIMIT_NANOS} whether the unwinder
     * caught up or not: its samples may then be lost, but an unwinder starved of CPU (it runs at
     * nice 10) must not keep a process from ending.
     */
    private void releaseOverdue(long now) {
        for (TracedThread thread : threads.values()) {
            if (thread.heldForUnwinder && now - thread.heldSince > HOLD_LIMIT_NANOS) {
                letGoHeld(thread);
            }
        }
    }

    private void letGoHeld(TracedThread thread) {
        thread.heldForUnwinder = false;
        resume(thread, 0);
    }

    private void handleStop(int tid, int status) throws IOException {
        TracedThread thread = threads.get(tid);
        if (!WaitStatus.stopped(status)) {
            threadGone(tid, thread, status);
            return;
        }
        if (thread == null) {
            // A new child can report its first stop before its parent reports creating it.
            thread = track(tid);
        }
        int signal = WaitStatus.stopSignal(status);
        int event = WaitStatus.event(status);
        thread.groupStopped = false;
        // A syscall or event stop consumes a pending PTRACE_INTERRUPT (a signal-delivery stop
        // does not: the interrupt's own stop still follows).
        boolean interrupted = thread.interruptPending;
        if (signal == WaitStatus.SYSCALL_STOP_SIGNAL || event != 0) {
            thread.interruptPending = false;
        }
        if (signal == WaitStatus.SYSCALL_STOP_SIGNAL) {
            thread.syscallStops++;
            syscallStop(thread, interrupted);
            resume(thread, 0);
            return;
        }
        interruptedCalls.noRestartCame(thread);
        if (event != 0) {
            ptraceEvent(thread, event, signal);
        } else {
            signalDelivery(thread, signal);
        }
    }

    private void syscallStop(TracedThread thread, boolean interrupted) {
        if (Ptrace.syscallInfo(thread.tid, info) < 0) {
            return;
        }
        long now = System.nanoTime();
        if (info.op() == SyscallStopInfo.OP_ENTRY) {
            int number = info.number();
            if (interruptedCalls.notTheCallsEntry(thread, interrupted, number, info.instructionPointer())) {
                return;
            }
            SyscallArgs args = new SyscallArgs(info.arg(0), info.arg(1), info.arg(2), info.arg(3), info.arg(4), info.arg(5));
            thread.enterSyscall(number, args, now, info.stackPointer(), info.instructionPointer());
            sampling.atEntry(thread, calls.execs().test(number));
            if (wanted(number)) {
                capture.atEntry(thread.tid, number, args, thread.entryCaptures);
                thread.entryStackDue = syscallStacks && recording;
            }
        } else if (info.op() == SyscallStopInfo.OP_EXIT && thread.inSyscall) {
            sampling.callUntil(thread, now, true);
            long result = info.returnValue();
            Syscall call = null;
            if (recording && wanted(thread.syscallNumber)) {
                captures.clear();
                captures.addAll(thread.entryCaptures);
                capture.atExit(thread.tid, thread.syscallNumber, thread.syscallArgs, result, captures);
                call = new Syscall(thread.syscallEntryTime, thread.tid, thread.syscallNumber, thread.syscallArgs,
                        now - thread.syscallEntryTime, result, captures.isEmpty() ? List.of() : List.copyOf(captures));
            }
            if (interruptedCalls.heldForRestart(thread, result, call)) {
                return;
            }
            if (call != null) {
                write(call);
            }
            if (calls.codeChanges().of(thread.syscallNumber, thread.syscallArgs, result)) {
                sampling.mappingsChanged(thread.processId());
            }
            if (calls.seccompOn().of(thread.syscallNumber, thread.syscallArgs, result)) {
                underSeccompNow(thread.processId());
            }
            thread.leaveSyscall();
            if (thread.tid == snapshotAfterExecve) {
                // Taken once the launched command's execve has returned, so its duration is its own.
                snapshotAfterExecve = 0;
                writeSnapshot(snapshot.of(thread.tid, System.nanoTime()));
            }
        }
    }

    /** Every thread of the process, which covers a filter synchronized to all (SECCOMP_FILTER_FLAG_TSYNC). */
    private void underSeccompNow(int pid) {
        for (TracedThread thread : threads.values()) {
            if (thread.processId() == pid) {
                thread.underSeccomp = true;
            }
        }
    }

    private void ptraceEvent(TracedThread thread, int event, int signal) throws IOException {
        long now = System.nanoTime();
        switch (event) {
            case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE -> {
                Ptrace.eventMessage(thread.tid, message);
                int child = (int) message.getLong(0);
                announce(child);
                ChildCreated.Kind kind = childKind(thread, event, child);
                TracedThread created = threads.get(child);
                if (created != null) {
                    created.pid = kind == ChildCreated.Kind.THREAD ? thread.pid : child;
                    created.underSeccomp = thread.underSeccomp; // filters are inherited
                }
                write(new ChildCreated(now, thread.tid, child, kind));
                // A child may run before its creator's event comes: once it made a call (an exec,
                // an mmap), its maps may be its own, read from /proc when it is first unwound.
                if (kind != ChildCreated.Kind.THREAD && created != null && created.syscallStops == 0) {
                    sampling.forked(child, thread.processId());
                }
                if (created != null) {
                    noteName(created, now); // its creator's, until it names itself
                }
                resume(thread, 0);
            }
            case Ptrace.EVENT_EXEC -> {
                Ptrace.eventMessage(thread.tid, message);
                execed(thread, (int) message.getLong(0), now);
            }
            case Ptrace.EVENT_STOP -> {
                if (signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU) {
                    // A group-stop: stay stopped, as job control expects, yet let SIGCONT through.
                    thread.groupStopped = true;
                    thread.sampleDue = false;
                    Ptrace.listen(thread.tid);
                } else {
                    resume(thread, 0);
                }
            }
            case Ptrace.EVENT_EXIT -> {
                noteName(thread, now);
                if (thread.inSyscall) {
                    sampling.endCall(thread, now, true); // past this stop its memory goes
                }
                if (lastOfItsProcess(thread) && sampling.holdsExit(thread, () -> release(thread.tid))) {
                    thread.heldForUnwinder = true; // resumed once its samples are unwound
                    thread.heldSince = now;
                } else {
                    resume(thread, 0);
                }
            }
            default -> resume(thread, 0);
        }
    }

    /** Whether no other traced thread is known to belong to the thread's process. */
    private boolean lastOfItsProcess(TracedThread thread) {
        int pid = thread.processId();
        return threads.values().stream().noneMatch(other -> other != thread && other.pid == pid);
    }

    /** Any thread: the thread held for the unwinder may go on. */
    private void release(int tid) {
        released.add(tid);
        doorbell.ring();
    }

    private void resumeReleased() {
        Integer tid;
        while ((tid = released.poll()) != null) {
            TracedThread thread = threads.get(tid);
            if (thread != null && thread.heldForUnwinder) {
                letGoHeld(thread);
            }
        }
    }

    /** Writes the thread's name (comm) where it is not the one last written: new, or renamed since. */
    private void noteName(TracedThread thread, long now) {
        String comm = recording ? ProcSnapshot.readLine(Path.of("/proc", Integer.toString(thread.tid), "comm")) : null;
        if (comm != null && !comm.equals(thread.name)) {
            thread.name = comm;
            write(new ThreadRenamed(now, thread.tid, comm));
        }
    }

    /** A snapshot of processes and threads, whose names become the ones last written. */
    private void writeSnapshot(List<TraceEvent> events) {
        for (TraceEvent event : events) {
            if (event instanceof ThreadInfo info && threads.containsKey(info.tid())) {
                threads.get(info.tid()).name = info.name();
            }
            write(event);
        }
    }

    /** A child the kernel reported creating: already running, already gone, or to come. */
    private void announce(int child) {
        TracedThread known = threads.get(child);
        if (known != null) {
            known.announced = true;
        } else if (!goneBeforeAnnounced.remove(child)) {
            track(child).announced = true;
        }
    }

    /** A thread new to us, sampled on the CPU by perf if the kernel agrees, now or once found calm. */
    private TracedThread track(int tid) {
        TracedThread thread = new TracedThread(tid);
        perf.admit(thread, System.nanoTime());
        threads.put(tid, thread);
        if (!thread.perfSampled) {
            sampling.needFullRate(); // it is to be interrupted for its samples
        }
        return thread;
    }

    private ChildCreated.Kind childKind(TracedThread parent, int event, int child) {
        if (event == Ptrace.EVENT_FORK) {
            return ChildCreated.Kind.FORK;
        }
        if (event == Ptrace.EVENT_VFORK) {
            return ChildCreated.Kind.VFORK;
        }
        boolean thread;
        if (parent.inSyscall) {
            thread = (calls.cloneFlags().of(parent.tid, parent.syscallNumber, parent.syscallArgs) & CLONE_THREAD) != 0;
        } else {
            // Without syscall stops the clone's flags are unknown; its thread group tells.
            thread = ProcSnapshot.threadGroup(child) == parent.processId();
        }
        return thread ? ChildCreated.Kind.THREAD : ChildCreated.Kind.CLONE_PROCESS;
    }

    /**
     * After a successful execve. When a non-leader thread execs, it takes the leader's tid: the
     * old leader vanishes without an exit report, its pending call unfinished for good.
     */
    private void execed(TracedThread thread, int formerTid, long now) throws IOException {
        int pid = thread.tid;
        if (formerTid != pid) {
            TracedThread former = threads.remove(formerTid);
            if (thread.inSyscall) {
                writeUnfinished(thread);
            }
            perf.renamed(formerTid, pid);
            thread.untraced();
            if (former != null) {
                former.untraced();
            }
            thread = former != null ? former.renamedTo(pid) : track(pid);
            thread.announced = true;
            threads.put(pid, thread);
        }
        thread.pid = pid;
        if (thread.inSyscall) {
            // The rest of the execve has no stack to show: the one it entered with belonged to the replaced program.
            sampling.endCall(thread, now, false);
        }
        sampling.forget(pid);
        if (pid == launchedPid && !recording) {
            recording = true;
            perf.admit(thread, now); // its samples start with the recording; its events outlive later execs
            write(new Exec(now, pid, formerTid));
            if (syscallStops) {
                snapshotAfterExecve = pid;
            } else {
                writeSnapshot(snapshot.of(pid, System.nanoTime())); // no execve exit will come to take it at
            }
        } else {
            write(new Exec(now, pid, formerTid));
            write(snapshot.process(pid, now));
            noteName(thread, now);
        }
        resume(thread, 0);
    }

    private void signalDelivery(TracedThread thread, int signal) throws IOException {
        if (recording) {
            ByteString info = ByteString.EMPTY;
            int code = 0;
            int senderPid = 0;
            int senderUid = 0;
            if (Ptrace.signalInfo(thread.tid, siginfo) == 0) {
                siginfo.get(0, siginfoBytes, 0, siginfoBytes.length);
                info = ByteString.copyOf(siginfoBytes);
                code = siginfo.getInt(8);
                senderPid = siginfo.getInt(16);
                senderUid = siginfo.getInt(20);
            }
            write(new SignalDelivery(System.nanoTime(), thread.tid, signal, code, senderPid, senderUid, info));
        }
        resume(thread, signal);
    }

    private void threadGone(int tid, TracedThread thread, int status) {
        if (thread != null) {
            interruptedCalls.noRestartCame(thread);
            if (thread.inSyscall) {
                writeUnfinished(thread);
            }
            untrack(thread);
            if (!thread.announced) {
                goneBeforeAnnounced.add(tid);
            }
            if (thread.pid != 0 && lastOfItsProcess(thread)) {
                sampling.forget(thread.pid);
            }
        }
        if (recording) {
            write(new Exit(System.nanoTime(), tid, status));
        }
        if (tid == launchedPid) {
            launchedStatus = status;
        }
    }

    /**
     * Interrupts every thread, then detaches each at its next stop, handing back the signal it was
     * about to receive. Group-stopped threads stay stopped, as they would untraced.
     */
    private void detachAll() throws IOException {
        for (TracedThread held : threads.values().stream().filter(thread -> thread.heldForUnwinder).toList()) {
            detach(held, 0); // in its exit stop, where no interrupt would reach it: let go as it is
        }
        for (int tid : threads.keySet()) {
            Ptrace.interrupt(tid);
        }
        while (!threads.isEmpty()) {
            int tid = wait.waitpid(-1, Wait.ALL);
            if (tid < 0) {
                if (-tid == Wait.EINTR) {
                    continue;
                }
                break;
            }
            int status = wait.status();
            if (tid == doorbell.pid()) {
                answerDoorbell(status);
                continue;
            }
            TracedThread thread = threads.get(tid);
            if (!WaitStatus.stopped(status)) {
                threadGone(tid, thread, status);
                continue;
            }
            if (thread == null) {
                thread = new TracedThread(tid);
            }
            int signal = WaitStatus.stopSignal(status);
            boolean signalDelivery = WaitStatus.event(status) == 0 && signal != WaitStatus.SYSCALL_STOP_SIGNAL;
            if (signal == WaitStatus.SYSCALL_STOP_SIGNAL) {
                syscallStop(thread, true); // a call just entered is made again, after the detach
            }
            detach(thread, signalDelivery ? signal : 0);
        }
    }

    /** At a stop of the thread's: what its call leaves unfinished is written, and it goes on untraced with {@code signal}. */
    private void detach(TracedThread thread, int signal) {
        if (thread.inSyscall) {
            sampling.callUntil(thread, System.nanoTime(), true); // it holds still in this stop
            writeUnfinished(thread);
        }
        noteName(thread, System.nanoTime());
        Ptrace.detach(thread.tid, signal);
        untrack(thread);
    }

    /** The thread is traced no more: out of the map, its /proc files and perf events closed. */
    private void untrack(TracedThread thread) {
        threads.remove(thread.tid);
        thread.untraced();
        perf.letGo(thread);
    }

    private void answerDoorbell(int status) {
        if (WaitStatus.stopped(status)) {
            doorbell.answer();
        }
    }

    private void removeDoorbell() {
        if (doorbell == null) {
            return;
        }
        doorbell.remove();
        while (true) {
            int tid = wait.waitpid(doorbell.pid(), Wait.ALL);
            if (tid < 0 && -tid != Wait.EINTR || tid == doorbell.pid() && !WaitStatus.stopped(wait.status())) {
                break;
            }
        }
    }

    /** A call that will not return while traced: its timer samples up to now, from a stack already unwound. */
    private void writeUnfinished(TracedThread thread) {
        sampling.callUntil(thread, System.nanoTime(), false);
        if (recording && wanted(thread.syscallNumber)) {
            write(new SyscallEntry(thread.syscallEntryTime, thread.tid, thread.syscallNumber, thread.syscallArgs,
                    List.copyOf(thread.entryCaptures)));
        }
        thread.leaveSyscall();
    }

    /**
     * Lets the thread run on; a stack due at this stop is copied first and handed to the
     * worker after, so that the thread waits only for the copy.
     */
    private void resume(TracedThread thread, int signal) {
        StackSampling.Copied copied = sampling.copyIfDue(thread);
        // ESRCH: the thread was killed meanwhile; waitpid will report its end.
        if (syscallStops) {
            Ptrace.resumeToSyscall(thread.tid, signal);
        } else {
            Ptrace.cont(thread.tid, signal);
        }
        sampling.unwindCopied(thread, copied);
    }

    private boolean wanted(int number) {
        return traced == null || traced.get(number);
    }

    /**
     * A failed write (disk full) ends the recording cleanly: detach, keep what was written.
     * Called by the tracer thread and the stack worker: the writer is synchronized.
     */
    private void write(TraceEvent event) {
        if (writeFailure != null) {
            return;
        }
        try {
            writer.write(event);
        } catch (IOException e) {
            writeFailure = e;
            requestStop();
        } catch (IllegalArgumentException e) {
            writeFailure = new IOException("cannot write the log: " + e.getMessage(), e);
            requestStop();
        }
    }

    private static String tracerHint(int pid) {
        String status = ProcSnapshot.readLine(Path.of("/proc", Integer.toString(pid), "status"));
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("TracerPid:") && !line.endsWith("\t0")) {
                    return "process " + line.substring(line.indexOf('\t') + 1).trim() + " already traces it";
                }
            }
        }
        return "are you root, or is ptrace restricted (kernel.yama.ptrace_scope)?";
    }
}
