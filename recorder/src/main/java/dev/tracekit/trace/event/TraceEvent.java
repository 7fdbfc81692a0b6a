package dev.tracekit.trace.event;

/**
 * One fact in a recording. Every event carries the CLOCK_MONOTONIC time, in nanoseconds,
 * at which it happened; {@link TraceHeader#toWallNanos} maps it to wall-clock time.
 */
public sealed interface TraceEvent
        permits ProcessInfo, ThreadInfo, OpenFd, Mapping,
                Syscall, SyscallEntry, SignalDelivery, ChildCreated, Exec, Exit, ThreadRenamed,
                StackSample {
    long time();
}
