package dev.tracekit.stack;

/**
 * One frame as the unwinder found it, before symbolization.
 *
 * @param pc      the instruction pointer (frame 0) or return address (callers)
 * @param exactPc the pc is the instruction being executed (frame 0, or the frame a signal
 *                interrupted); otherwise it is a return address and code and symbols are
 *                looked up at pc - 1, since a call to a noreturn function can end its caller
 */
public record UnwoundFrame(long pc, LoadedModule module, FrameMethod method, boolean exactPc) {
    public long lookupAddress() {
        return exactPc ? pc : pc - 1;
    }
}
