package dev.tracekit.trace.event;

/** A file descriptor open at attach, with the target of /proc/PID/fd/FD (null when unreadable). */
public record OpenFd(long time, int pid, int fd, String path) implements TraceEvent {
}
