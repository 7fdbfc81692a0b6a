package dev.tracekit.stack.sample;

import dev.tracekit.stack.RegisterSet;
import dev.tracekit.stack.StackCopy;

/**
 * What one sample took from a stopped thread: its registers and the top of its stack.
 *
 * @param pauseNanos how long the thread was held, from PTRACE_INTERRUPT to resuming it
 */
public record ThreadCapture(int tid, RegisterSet registers, StackCopy stack, long pauseNanos) {
}
