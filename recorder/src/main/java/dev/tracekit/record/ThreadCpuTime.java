package dev.tracekit.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A thread's CPU time in nanoseconds, the first field of /proc/TID/schedstat. It moves whenever
 * the thread runs, however briefly, so an unchanged value says the thread has not run since.
 */
final class ThreadCpuTime {
    private ThreadCpuTime() {
    }

    /** The CPU time of {@code tid}, or -1: gone, or a kernel without schedstat. */
    static long of(int tid) {
        try {
            return parse(Files.readString(Path.of("/proc", Integer.toString(tid), "schedstat"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return -1;
        }
    }

    static long parse(String schedstat) {
        int end = schedstat.indexOf(' ');
        try {
            return Long.parseLong(end < 0 ? schedstat.trim() : schedstat.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
