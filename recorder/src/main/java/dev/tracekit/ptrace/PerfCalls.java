package dev.tracekit.ptrace;

import com.kenai.jffi.MemoryIO;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * perf_event_open(2) and what its file descriptors take: the output redirect, mmap of the ring
 * buffer, close. Like {@link Ptrace}, each wrapper returns a result or -errno and lets the
 * caller decide what a failure means.
 */
public final class PerfCalls {
    /** The descriptor is closed in children we spawn, which must not keep our events alive. */
    private static final long FLAG_FD_CLOEXEC = 8;
    private static final long IOC_SET_OUTPUT = 0x2405;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long SYS_PERF_EVENT_OPEN = Native.syscallNumber("perf_event_open");
    private static final long SYS_IOCTL = Native.syscallNumber("ioctl");
    private static final long SYS_MMAP = Native.syscallNumber("mmap");
    private static final long SYS_MUNMAP = Native.syscallNumber("munmap");
    private static final LibC LIBC = Native.libc();

    private PerfCalls() {
    }

    /** An event described by the perf_event_attr in {@code attr} on thread {@code tid} (0: the caller) while it runs on {@code cpu}; the fd or -errno. */
    public static int open(NativeBuffer attr, int tid, int cpu) {
        long fd = LIBC.syscall(SYS_PERF_EVENT_OPEN, attr.address(), tid, cpu, -1, FLAG_FD_CLOEXEC, 0);
        return fd < 0 ? -Native.errno() : (int) fd;
    }

    /** PERF_EVENT_IOC_SET_OUTPUT: {@code fd}'s records go to {@code target}'s ring buffer; 0 or the errno. */
    public static int setOutput(int fd, int target) {
        return LIBC.syscall(SYS_IOCTL, fd, IOC_SET_OUTPUT, target, 0, 0, 0) < 0 ? Native.errno() : 0;
    }

    /** Maps the ring buffer of event {@code fd}, read-write so that we can move its tail; the address or -errno. */
    public static long map(int fd, long bytes) {
        long address = LIBC.syscall(SYS_MMAP, 0, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        return address == -1 ? -Native.errno() : address;
    }

    public static void unmap(long address, long bytes) {
        LIBC.syscall(SYS_MUNMAP, address, bytes, 0, 0, 0, 0);
    }

    public static void close(int fd) {
        LIBC.close(fd);
    }

    /** A direct buffer over native memory we mapped, so that VarHandles can give its words acquire and release order. */
    public static ByteBuffer buffer(long address, int bytes) {
        return MemoryIO.getInstance().newDirectByteBuffer(address, bytes).order(ByteOrder.nativeOrder());
    }
}
