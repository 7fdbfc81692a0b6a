package dev.tracekit.trace.event;

import java.util.List;
import java.util.Objects;

/**
 * A system call that returned, written at its exit.
 *
 * @param time     entry time
 * @param duration nanoseconds from entry to exit
 * @param result   the return value; values in [-4095, -1] are {@code -errno}
 */
public record Syscall(long time, int tid, int number, SyscallArgs args, long duration, long result,
                      List<Capture> captures) implements TraceEvent {
    public Syscall {
        Objects.requireNonNull(args, "args");
        if (duration < 0) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        captures = List.copyOf(captures);
    }

    public boolean failed() {
        return result < 0 && result >= -4095;
    }

    /** The errno, or 0 when the call succeeded. */
    public int errno() {
        return failed() ? (int) -result : 0;
    }
}
