package dev.tracekit.record;

import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.stack.SyscallInstruction;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.TraceEvent;

import java.util.function.Consumer;

/**
 * Undoes what a sample's PTRACE_INTERRUPT does to a call it meets at the call's entry: it would
 * leave the call a signal pending, so that a blocking call returns -ERESTART* and is restarted,
 * getdents64 and reads of pipes return early, and epoll_wait returns EINTR. The call is skipped
 * and made again once the interrupt's stop is past. Under seccomp, which would judge the skipped
 * call, the call runs as it is; if it comes back with -ERESTART*, its restart is merged into it.
 */
final class InterruptedCalls {
    private static final long ERESTARTSYS = 512;
    private static final long ERESTART_RESTARTBLOCK = 516;

    private final int restartSyscall;
    private final Consumer<TraceEvent> out;

    /**
     * @param restartSyscall the call the kernel restarts an interrupted sleep with, or -1
     * @param out            where a call is written that no restart came for
     */
    InterruptedCalls(int restartSyscall, Consumer<TraceEvent> out) {
        this.restartSyscall = restartSyscall;
        this.out = out;
    }

    /**
     * At an entry stop: whether this entry is not the call's, as it was skipped, or as it goes on
     * a call our interrupt cut short. A call {@code interrupted} met is skipped (its number set
     * to -1) and the thread rewound to its syscall instruction with the number back in rax: it
     * takes the interrupt's stop on its way out, then makes the call again with no signal pending,
     * as the kernel makes a restarted call.
     */
    boolean notTheCallsEntry(TracedThread thread, boolean interrupted, int number, long instructionPointer) {
        if (interrupted && !underSeccomp(thread)) {
            Ptrace.pokeUser(thread.tid, Ptrace.USER_REGS_ORIG_RAX, -1);
            Ptrace.pokeUser(thread.tid, Ptrace.USER_REGS_RAX, number);
            Ptrace.pokeUser(thread.tid, Ptrace.USER_REGS_RIP, instructionPointer - SyscallInstruction.LENGTH);
            return true;
        }
        thread.interruptMetCall = interrupted;
        if (thread.restarting) {
            if (restarts(thread, number)) {
                thread.restarting = false;
                thread.restartedExit = null;
                return true; // the same call goes on, from its first entry
            }
            giveUp(thread);
        }
        return false;
    }

    /**
     * At an exit stop, with the call as it would be written (null when it is not recorded):
     * whether it came back cut short by our interrupt, to be merged with its restart.
     */
    boolean heldForRestart(TracedThread thread, long result, Syscall call) {
        boolean cutShortByUs = thread.interruptMetCall && -result >= ERESTARTSYS && -result <= ERESTART_RESTARTBLOCK;
        thread.interruptMetCall = false;
        if (cutShortByUs) {
            // Not a call of its own: the kernel restarts it at once, unless a signal comes first.
            thread.restarting = true;
            thread.restartedExit = call;
        }
        return cutShortByUs;
    }

    /** A signal, an event or the thread's end came instead of the restart: the call is written as it returned. */
    void noRestartCame(TracedThread thread) {
        if (thread.restarting) {
            giveUp(thread);
        }
    }

    private void giveUp(TracedThread thread) {
        if (thread.restartedExit != null) {
            out.accept(thread.restartedExit);
        }
        thread.leaveSyscall();
    }

    /** The entry the kernel restarts a call with: the same call again, or restart_syscall after a sleep. */
    private boolean restarts(TracedThread thread, int number) {
        return number == thread.syscallNumber
                || number == restartSyscall && thread.restartedExit != null
                && thread.restartedExit.result() == -ERESTART_RESTARTBLOCK;
    }

    /**
     * Whether seccomp would see a skipped call: its filters judge the number -1 as any other,
     * and may kill the process for it (systemd's do) or fail the call made again with EPERM.
     * Known from the thread's creation and calls; /proc is asked once, in case.
     */
    private static boolean underSeccomp(TracedThread thread) {
        thread.underSeccomp = thread.underSeccomp || ProcSnapshot.underSeccomp(thread.tid);
        return thread.underSeccomp;
    }
}
