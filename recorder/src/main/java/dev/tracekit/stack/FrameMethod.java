package dev.tracekit.stack;

/** How the unwinder found a frame's pc. */
public enum FrameMethod {
    /** Frame 0: the thread's instruction pointer. */
    REGISTERS,
    /** From the callee's DWARF call-frame information. */
    CFI,
    /** From the callee's frame-pointer record, for code without CFI (JIT). */
    FRAME_POINTER,
    /** From the ucontext of a signal trampoline that has no CFI (musl's), which the kernel wrote. */
    SIGNAL_CONTEXT
}
