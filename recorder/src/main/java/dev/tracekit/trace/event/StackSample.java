package dev.tracekit.trace.event;

import java.util.Objects;

/**
 * A thread's stack at one instant.
 *
 * @param syscall the system call the thread was inside, or {@link #ON_CPU}
 */
public record StackSample(long time, int tid, Trigger trigger, int syscall, Stack stack) implements TraceEvent {
    public static final int ON_CPU = -1;

    public StackSample {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(stack, "stack");
    }

    /** Why the sample was taken: the periodic timer, or a system call's entry (--syscall-stacks). */
    public enum Trigger { TIMER, SYSCALL_ENTRY }
}
