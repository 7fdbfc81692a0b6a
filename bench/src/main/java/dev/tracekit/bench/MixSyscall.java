package dev.tracekit.bench;

/**
 * The system call mix the synthetic stream follows, as data: calls, failures and mean
 * microseconds per call, copied from {@code strace -f -c} of a real run (Debian 12, x86_64,
 * strace 6.1, 2026-11-27) of
 * <pre>
 * sh -c "/usr/bin/python3 -c 'import json, email.parser, http.client, sqlite3'; tar cf - /usr/share/doc 2>/dev/null | cat >/dev/null"
 * </pre>
 * 77,944 calls in all: an interpreter starting up, then an archiver walking a tree and copying
 * through a pipe. The 18 most frequent calls are listed, and access and readlink for their
 * failures (getrandom, set_robust_list, wait4 and execve were as rare); the remaining 75 calls of
 * 27 kinds are bucketed as {@link #OTHER} and stand in as getpid. Numbers are x86_64's.
 */
enum MixSyscall {
    READ("read", 0, 25_694, 0, 0, 5),
    WRITE("write", 1, 21_934, 0, 0, 4),
    NEWFSTATAT("newfstatat", 262, 16_139, 55, Errno.ENOENT, 4),
    OPENAT("openat", 257, 5_079, 39, Errno.ENOENT, 4),
    CLOSE("close", 3, 5_058, 1, Errno.EBADF, 4),
    GETDENTS64("getdents64", 217, 1_688, 0, 0, 6),
    FCNTL("fcntl", 72, 1_669, 0, 0, 3),
    LSEEK("lseek", 8, 127, 0, 0, 1),
    MMAP("mmap", 9, 121, 0, 0, 1),
    READLINKAT("readlinkat", 267, 77, 0, 0, 5),
    RT_SIGACTION("rt_sigaction", 13, 74, 0, 0, 1),
    IOCTL("ioctl", 16, 66, 66, Errno.ENOTTY, 1),
    BRK("brk", 12, 51, 0, 0, 4),
    GETCWD("getcwd", 79, 31, 0, 0, 1),
    MPROTECT("mprotect", 10, 24, 0, 0, 1),
    FUTEX("futex", 202, 13, 0, 0, 1),
    MUNMAP("munmap", 11, 9, 0, 0, 6),
    PREAD64("pread64", 17, 8, 0, 0, 1),
    ACCESS("access", 21, 5, 5, Errno.ENOENT, 1),
    READLINK("readlink", 89, 2, 1, Errno.EINVAL, 7),
    OTHER("getpid", 39, 75, 0, 0, 1);

    /** The errno values the mix fails with. */
    static final class Errno {
        static final int ENOENT = 2;
        static final int EBADF = 9;
        static final int EINVAL = 22;
        static final int ENOTTY = 25;

        private Errno() {
        }
    }

    private static final MixSyscall[] VALUES = values();
    private static final long TOTAL_CALLS;
    private static final long[] CUMULATIVE = new long[VALUES.length];

    static {
        long sum = 0;
        for (MixSyscall call : VALUES) {
            sum += call.calls;
            CUMULATIVE[call.ordinal()] = sum;
        }
        TOTAL_CALLS = sum;
    }

    final String name;
    final int number;
    final int calls;
    final int failures;
    /** What the failures return, negated; 0 when the call never failed in the run. */
    final int errno;
    /** strace -c's "usecs/call", at least 1: the time the kernel spent, not ptrace's. */
    final int meanMicros;

    MixSyscall(String name, int number, int calls, int failures, int errno, int meanMicros) {
        this.name = name;
        this.number = number;
        this.calls = calls;
        this.failures = failures;
        this.errno = errno;
        this.meanMicros = Math.max(1, meanMicros);
    }

    /** The call whose share of the run covers {@code u}, a uniform number in [0, 1). */
    static MixSyscall pick(double u) {
        long target = (long) (u * TOTAL_CALLS);
        for (MixSyscall call : VALUES) {
            if (target < CUMULATIVE[call.ordinal()]) {
                return call;
            }
        }
        return VALUES[VALUES.length - 1];
    }

    static MixSyscall byNumber(int number) {
        for (MixSyscall call : VALUES) {
            if (call.number == number) {
                return call;
            }
        }
        throw new IllegalArgumentException("system call " + number + " is not in the mix");
    }

    /** The chance that one call fails, as often as it did in the run. */
    double failureRate() {
        return (double) failures / calls;
    }
}
