package dev.tracekit.ptrace;

import dev.tracekit.syscalls.Errno;

import java.io.IOException;

/** A failed system call, named with its arguments and errno: "ptrace(PTRACE_SEIZE, 4242): EPERM (...)". */
public class PtraceException extends IOException {
    private final int errno;

    public PtraceException(String call, int errno, String hint) {
        super(call + ": " + Errno.describe(errno) + (hint == null ? "" : "; " + hint));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
