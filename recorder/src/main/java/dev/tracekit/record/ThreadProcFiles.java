package dev.tracekit.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A thread's /proc/TID/schedstat and /proc/TID/syscall, kept open for the rounds of samples
 * without syscall stops: read again from offset 0, the kernel writes them afresh, for about
 * 0.5-0.9 us against 5-6 us to open, read and close them each time (this VM, JDK 17).
 */
final class ThreadProcFiles implements AutoCloseable {
    private final FileChannel schedstat;
    private final FileChannel syscall;
    private final ByteBuffer buffer = ByteBuffer.allocate(256);

    private ThreadProcFiles(FileChannel schedstat, FileChannel syscall) {
        this.schedstat = schedstat;
        this.syscall = syscall;
    }

    /** Both files of {@code tid}, or null: the thread is gone. */
    static ThreadProcFiles open(int tid) {
        Path dir = Path.of("/proc", Integer.toString(tid));
        FileChannel schedstat = null;
        try {
            schedstat = FileChannel.open(dir.resolve("schedstat"), StandardOpenOption.READ);
            return new ThreadProcFiles(schedstat, FileChannel.open(dir.resolve("syscall"), StandardOpenOption.READ));
        } catch (IOException e) {
            closeQuietly(schedstat);
            return null;
        }
    }

    /**
     * The thread's CPU time in nanoseconds (the first field of schedstat), or -1. It moves
     * whenever the thread runs, however briefly: unchanged, the thread has not run since.
     */
    long cpuTime() {
        String text = read(schedstat);
        return text == null ? -1 : parseCpuTime(text);
    }

    /** The call the thread is blocked in, or null: running, blocked outside a call, or gone. */
    BlockedCall blockedCall() {
        String text = read(syscall);
        return text == null ? null : BlockedCall.parse(text);
    }

    static long parseCpuTime(String schedstat) {
        int end = schedstat.indexOf(' ');
        try {
            return Long.parseLong(end < 0 ? schedstat.trim() : schedstat.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String read(FileChannel file) {
        buffer.clear();
        try {
            int read = file.read(buffer, 0);
            return read <= 0 ? null : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null; // ESRCH once the thread is gone
        }
    }

    @Override
    public void close() {
        closeQuietly(schedstat);
        closeQuietly(syscall);
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // a /proc file: nothing was written that a failed close could lose
            }
        }
    }
}
