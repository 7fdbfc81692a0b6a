package dev.tracekit.record;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.ArrayList;
import java.util.List;

/** What the tracer knows of one thread: mostly the syscall it is inside, if any. */
final class TracedThread {
    final int tid;
    /**
     * Its creation was reported (or it was there at attach). A new thread can run, and even end,
     * before its parent's clone or fork event reaches us.
     */
    boolean announced;

    boolean inSyscall;
    int syscallNumber;
    SyscallArgs syscallArgs;
    long syscallEntryTime;
    final List<Capture> entryCaptures = new ArrayList<>(2);

    TracedThread(int tid) {
        this.tid = tid;
    }

    /** The same thread under the tid an execve gave it. */
    TracedThread renamedTo(int newTid) {
        TracedThread renamed = new TracedThread(newTid);
        renamed.announced = true;
        renamed.inSyscall = inSyscall;
        renamed.syscallNumber = syscallNumber;
        renamed.syscallArgs = syscallArgs;
        renamed.syscallEntryTime = syscallEntryTime;
        renamed.entryCaptures.addAll(entryCaptures);
        return renamed;
    }

    void enterSyscall(int number, SyscallArgs args, long time) {
        inSyscall = true;
        syscallNumber = number;
        syscallArgs = args;
        syscallEntryTime = time;
        entryCaptures.clear();
    }

    void leaveSyscall() {
        inSyscall = false;
        syscallArgs = null;
        entryCaptures.clear();
    }
}
