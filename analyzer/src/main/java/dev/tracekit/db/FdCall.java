package dev.tracekit.db;

/**
 * A returned call as {@link FdTracker} reads it, whichever input it came from: a log's registers
 * and captured memory, or the text strace printed. Arguments are numbered from 0, as the kernel's.
 */
public interface FdCall {
    /** The syscall's name: {@code openat}. */
    String name();

    /** Whether it returned an error; such a call changes no descriptor. */
    boolean failed();

    long result();

    /** Argument {@code index} as a number: a descriptor, flags, an fcntl command. */
    long arg(int index);

    /** The string argument {@code index} points to, or null when unknown. */
    String path(int index);

    /** The two descriptors written where argument {@code index} points (pipe, socketpair), or null when unknown. */
    int[] pair(int index);

    /** What the returned descriptor refers to where the input says (strace -y's {@code 3</etc/passwd>}), else null. */
    String resultPath();
}
