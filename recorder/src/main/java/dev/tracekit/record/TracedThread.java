package dev.tracekit.record;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.ArrayList;
import java.util.List;

/** What the tracer knows of one thread: mostly the syscall it is inside, if any. */
final class TracedThread {
    final int tid;
    /** Its process (thread group), 0 until known. */
    int pid;
    /**
     * Its creation was reported (or it was there at attach). A new thread can run, and even end,
     * before its parent's clone or fork event reaches us.
     */
    boolean announced;
    /** Its name (comm) as last written to the log, or null. */
    String name;

    boolean inSyscall;
    int syscallNumber;
    SyscallArgs syscallArgs;
    long syscallEntryTime;
    final List<Capture> entryCaptures = new ArrayList<>(2);
    /** Stack and instruction pointers at the call's entry, which hold while the thread is inside it. */
    long entrySp;
    long entryPc;
    /** The frame pointer (rbp) at the call's entry, for its timer samples; 0 when not read. */
    long entryBp;
    /** The stack copied at the call's entry (an execve's, whose memory goes inside the call), or null. */
    TracedStacks.Captured entryCopy;
    /** Timer samples inside the call are written up to this time, from the sample period's grid; none more at MAX_VALUE. */
    long callSampledUntil;
    /** Counts the calls the thread entered: tells the stack of this call from one of an earlier call. */
    int callSerial;
    /**
     * The stack the thread is blocked with in a call, once the {@link StackWorker} unwound it:
     * it cannot change until the call returns. Of this call only when its serial is {@link #callSerial}.
     */
    volatile StackWorker.CallStack callStack;

    /** Without syscall stops: the call /proc last found it blocked in (or null), and its CPU time then. */
    BlockedCall blockedIn;
    long cpuTimeWhenBlocked;
    /** Without syscall stops: where those two are read, open while the thread is traced; or null. */
    ThreadProcFiles procFiles;

    /** Held at its process's exit stop until the stack worker has unwound what needs the process's maps. */
    boolean heldForUnwinder;
    long heldSince;

    /** In a group-stop (SIGSTOP), let go with PTRACE_LISTEN: not running, not to be sampled. */
    boolean groupStopped;
    /** We sent PTRACE_INTERRUPT; whatever stop comes next consumes it. */
    boolean interruptPending;
    /**
     * Our interrupt left a signal pending in this call (the thread is under seccomp, so the call
     * could not be skipped and made again): a blocking call returns -ERESTART* at once and the
     * kernel restarts it, which is ours to hide.
     */
    boolean interruptMetCall;
    /** Runs under seccomp, which would judge a skipped call: once so, always (filters stay). */
    boolean underSeccomp;
    /** {@link #syscallStops} at the last round of samples: whether it stopped since. */
    long stopsAtLastRound;
    /** Its timer sample waits for its next stop, which was near: it is not interrupted for it. */
    boolean sampleAwaitsStop;
    /**
     * The call came back with -ERESTART* because of our interrupt: its exit, not yet written,
     * waits for the restarted entry, with which it merges into one call.
     */
    boolean restarting;
    /** The restarting call as it would be written if no restart comes; null when not recorded. */
    Syscall restartedExit;
    /** perf_event_open samples it on the CPU: it is never interrupted for a timer sample. */
    boolean perfSampled;
    /** The kernel refused it a perf event: it is interrupted for good. */
    boolean perfRefused;
    /** Syscall stops so far, and since when they are counted for the next {@link PerfThreads#review}. */
    long syscallStops;
    long syscallStopsReviewed;
    long stopsCountedSince;
    /** A review found it stopping too often for perf: it needs to calm down more to be followed again. */
    boolean foundBusy;
    /** Capture the stack at the next stop, for a timer sample. */
    boolean sampleDue;
    /** Capture the stack at this syscall-entry stop (--syscall-stacks). */
    boolean entryStackDue;

    TracedThread(int tid) {
        this.tid = tid;
    }

    /** The same thread under the tid an execve gave it. */
    TracedThread renamedTo(int newTid) {
        TracedThread renamed = new TracedThread(newTid);
        renamed.announced = true;
        renamed.perfSampled = perfSampled;
        renamed.perfRefused = perfRefused;
        renamed.syscallStops = syscallStops;
        renamed.syscallStopsReviewed = syscallStopsReviewed;
        renamed.stopsCountedSince = stopsCountedSince;
        renamed.foundBusy = foundBusy;
        renamed.underSeccomp = underSeccomp;
        renamed.stopsAtLastRound = stopsAtLastRound;
        renamed.inSyscall = inSyscall;
        renamed.syscallNumber = syscallNumber;
        renamed.syscallArgs = syscallArgs;
        renamed.syscallEntryTime = syscallEntryTime;
        renamed.callSampledUntil = callSampledUntil;
        renamed.callSerial = callSerial;
        renamed.callStack = callStack;
        renamed.entrySp = entrySp;
        renamed.entryPc = entryPc;
        renamed.entryBp = entryBp;
        renamed.entryCopy = entryCopy;
        renamed.entryCaptures.addAll(entryCaptures);
        return renamed;
    }

    /** It is no longer traced under this tid: what it holds open is closed. */
    void untraced() {
        if (procFiles != null) {
            procFiles.close();
            procFiles = null;
        }
    }

    /** Its process, from /proc the first time when its creation did not tell. */
    int processId() {
        if (pid == 0) {
            pid = ProcSnapshot.threadGroup(tid);
        }
        return pid;
    }

    void enterSyscall(int number, SyscallArgs args, long time, long sp, long pc) {
        inSyscall = true;
        syscallNumber = number;
        syscallArgs = args;
        syscallEntryTime = time;
        callSampledUntil = time;
        entrySp = sp;
        entryPc = pc;
        entryBp = 0;
        entryCopy = null;
        callSerial++;
        entryCaptures.clear();
    }

    /**
     * Without syscall stops: /proc found it blocked in {@code call}, a call of its own from
     * here on, sampled up to {@code time}, its stack unchanged while its CPU time stays put.
     */
    void foundBlocked(BlockedCall call, long cpuTime, long time) {
        blockedIn = call;
        cpuTimeWhenBlocked = cpuTime;
        syscallNumber = call.number();
        syscallArgs = call.args();
        entrySp = call.sp();
        entryPc = call.pc();
        entryBp = 0; // /proc does not tell
        callSampledUntil = time;
        callSerial++;
    }

    void leaveSyscall() {
        inSyscall = false;
        entryCopy = null;
        syscallArgs = null;
        restarting = false;
        restartedExit = null;
        entryCaptures.clear();
    }
}
