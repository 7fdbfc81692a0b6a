package dev.tracekit.trace.event;

/**
 * One frame of a stack.
 *
 * @param pc           the absolute address in the process
 * @param module       the object the pc falls in, or null (JIT code, unmapped memory)
 * @param offset       the pc as an address in the module's file (runtime address less the
 *                     load bias), so the frame can be symbolized again on another machine
 * @param symbol       the function's name, or null when unknown
 * @param symbolOffset the pc's distance from the start of {@code symbol}
 */
public record Frame(long pc, Module module, long offset, String symbol, long symbolOffset) {
}
