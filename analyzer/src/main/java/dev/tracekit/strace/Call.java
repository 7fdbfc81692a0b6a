package dev.tracekit.strace;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;

import java.util.List;

/**
 * One system call as the decoders see it: its arguments, its result when it returned, and the
 * tracee memory the recorder captured for it, looked up by address and phase.
 *
 * @param info     the table's entry, null for a number the table lacks
 * @param returned false for a call that never returned (only its entry is known)
 */
record Call(int tid, int number, SyscallInfo info, SyscallArgs args, boolean returned, long result,
            List<Capture> captures) {

    static Call of(Syscall s, SyscallInfo info) {
        return new Call(s.tid(), s.number(), info, s.args(), true, s.result(), s.captures());
    }

    static Call of(SyscallEntry s, SyscallInfo info) {
        return new Call(s.tid(), s.number(), info, s.args(), false, 0, s.captures());
    }

    long arg(int index) {
        return args.get(index);
    }

    /** The argument as the C int the kernel reads from its register. */
    int intArg(int index) {
        return (int) args.get(index);
    }

    boolean failed() {
        return returned && result < 0 && result >= -4095;
    }

    int errno() {
        return failed() ? (int) -result : 0;
    }

    /** Returned and did not fail: the one case where memory written by the kernel was captured. */
    boolean succeeded() {
        return returned && !failed();
    }

    /** Memory read at entry from {@code address}, or null. */
    Capture atEntry(long address) {
        return find(Capture.Phase.ENTRY, address);
    }

    /** Memory read at exit from {@code address}, or null (always for a failed call). */
    Capture atExit(long address) {
        return find(Capture.Phase.EXIT, address);
    }

    Capture find(Capture.Phase phase, long address) {
        if (address == 0) {
            return null;
        }
        for (Capture capture : captures) {
            if (capture.address() == address && capture.phase() == phase) {
                return capture;
            }
        }
        return null;
    }
}
