package dev.tracekit.ptrace;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** Loads libc once and hands out native memory and the last errno. */
public final class Native {
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    public static LibC libc() {
        return LIBC;
    }

    /** errno of the calling thread's last call through {@link #libc()}. */
    public static int errno() {
        return RUNTIME.getLastError();
    }

    /** Numbers of the few syscalls made without a libc wrapper, on this machine's architecture. */
    static long syscallNumber(String name) {
        boolean arm = System.getProperty("os.arch").equals("aarch64");
        return switch (name) {
            case "process_vm_readv" -> arm ? 270 : 310;
            case "memfd_create" -> arm ? 279 : 319;
            case "perf_event_open" -> arm ? 241 : 298;
            // glibc's ioctl is variadic, and its mmap failed with EINVAL through jnr-ffi where the syscall works.
            case "ioctl" -> arm ? 29 : 16;
            case "mmap" -> arm ? 222 : 9;
            case "munmap" -> arm ? 215 : 11;
            default -> throw new IllegalArgumentException("no syscall number for " + name);
        };
    }

    /** The address of libc's {@code environ}: the environment exactly as this process has it. */
    static long environ() {
        long variable = com.kenai.jffi.Library.getDefault().getSymbolAddress("environ");
        return com.kenai.jffi.MemoryIO.getInstance().getAddress(variable);
    }

    /** Zeroed native memory, freed when the returned pointer is collected. */
    static Pointer allocate(long size) {
        return Memory.allocateDirect(RUNTIME, (int) size, true);
    }
}
