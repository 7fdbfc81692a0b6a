package dev.tracekit.stack;

/** Memory of the process being unwound, as the unwinder sees it: usually a {@link StackCopy}. */
public interface Memory {
    /** Nothing readable: for unwinds that must use registers alone. */
    Memory NONE = address -> {
        throw new UnreadableMemoryException(address);
    };

    /** The little-endian 8-byte word at {@code address}, or {@link UnreadableMemoryException}. */
    long readLong(long address);
}
