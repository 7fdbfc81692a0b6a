package dev.tracekit.perf;

import dev.tracekit.syscalls.Errno;

import java.io.IOException;

/** perf_event_open sampling is not available here: the failed call, its errno and what to do. */
public final class PerfException extends IOException {
    public PerfException(String call, int errno, String hint) {
        super(call + ": " + Errno.describe(errno) + (hint == null ? "" : "; " + hint));
    }
}
