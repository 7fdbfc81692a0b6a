package dev.tracekit.trace.event;

/** The six raw argument registers of a system call, as the kernel passed them. */
public record SyscallArgs(long a0, long a1, long a2, long a3, long a4, long a5) {
    public static final int COUNT = 6;
    public static final SyscallArgs NONE = new SyscallArgs(0, 0, 0, 0, 0, 0);

    public static SyscallArgs of(long... values) {
        if (values.length > COUNT) {
            throw new IllegalArgumentException("a system call has at most 6 arguments, got " + values.length);
        }
        long[] six = new long[COUNT];
        System.arraycopy(values, 0, six, 0, values.length);
        return new SyscallArgs(six[0], six[1], six[2], six[3], six[4], six[5]);
    }

    public long get(int index) {
        return switch (index) {
            case 0 -> a0;
            case 1 -> a1;
            case 2 -> a2;
            case 3 -> a3;
            case 4 -> a4;
            case 5 -> a5;
            default -> throw new IndexOutOfBoundsException("argument " + index);
        };
    }
}
