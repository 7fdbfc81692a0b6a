package dev.tracekit.ptrace;

import jnr.ffi.annotations.SaveError;

/**
 * The libc functions the tracer calls. Pointers are raw addresses of memory we allocated once
 * (see {@link NativeBuffer}): primitive-only signatures are the fastest jnr-ffi calls.
 */
public interface LibC {
    /** glibc declares ptrace variadic; on x86_64 and aarch64 the fixed four-argument call is the same. */
    @SaveError
    long ptrace(int request, int pid, long addr, long data);

    @SaveError
    int waitpid(int pid, long statusAddress, int options);


    @SaveError
    int kill(int pid, int signal);

    /**
     * The raw syscall, for calls whose libc wrapper misbehaves through jnr-ffi: the
     * process_vm_readv wrapper fails with EINVAL even for a zero-length read, the syscall does not.
     */
    @SaveError
    long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);

    /** Returns an errno value itself rather than setting errno. */
    int posix_spawn(long pidAddress, String path, long fileActions, long attributes, long argv, long envp);

    int posix_spawnattr_init(long attributes);

    int posix_spawnattr_destroy(long attributes);

    int posix_spawnattr_setflags(long attributes, short flags);

    int posix_spawnattr_setsigmask(long attributes, long sigset);

    int posix_spawnattr_setsigdefault(long attributes, long sigset);

    int posix_spawn_file_actions_init(long actions);

    int posix_spawn_file_actions_destroy(long actions);

    int posix_spawn_file_actions_addclosefrom_np(long actions, int from);

    int posix_spawn_file_actions_adddup2(long actions, int fd, int newFd);

    @SaveError
    long syscall(long number, String a0, long a1);

    int sigemptyset(long sigset);

    int sigfillset(long sigset);

    @SaveError
    int sched_setaffinity(int pid, long maskSize, long maskAddress);

    @SaveError
    int sched_getcpu();

    @SaveError
    int setpriority(int which, int who, int priority);

    @SaveError
    int close(int fd);
}
