package dev.tracekit.stack.elf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

import java.util.concurrent.ConcurrentHashMap;

/**
 * C++ names demangled by libstdc++'s own {@code __cxa_demangle}, through jnr-ffi, so they read
 * as gdb and eu-stack print them. Results are cached; names that are not mangled C++ (or when
 * libstdc++ is missing) come back unchanged.
 */
public final class Demangler {
    private static final CxxAbi ABI = load();
    private static final LibcFree LIBC = LibraryLoader.create(LibcFree.class).load("c");
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Demangler() {
    }

    public interface CxxAbi {
        Pointer __cxa_demangle(String mangled, Pointer buffer, Pointer length, IntByReference status);
    }

    public interface LibcFree {
        void free(Pointer pointer);
    }

    public static String demangle(String name) {
        if (ABI == null || name == null || !name.startsWith("_Z")) {
            return name;
        }
        return CACHE.computeIfAbsent(name, Demangler::callDemangle);
    }

    private static String callDemangle(String mangled) {
        IntByReference status = new IntByReference();
        Pointer result = ABI.__cxa_demangle(mangled, null, null, status);
        if (result == null || status.intValue() != 0) {
            return mangled;
        }
        try {
            return result.getString(0);
        } finally {
            LIBC.free(result);
        }
    }

    private static CxxAbi load() {
        try {
            return LibraryLoader.create(CxxAbi.class).load("libstdc++.so.6");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
