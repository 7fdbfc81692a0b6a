package dev.tracekit.stack;

/** An address the unwinder needed is neither in the stack copy nor readable in the process. */
public final class UnreadableMemoryException extends RuntimeException {
    public UnreadableMemoryException(long address) {
        super("cannot read 0x" + Long.toHexString(address), null, false, false);
    }
}
