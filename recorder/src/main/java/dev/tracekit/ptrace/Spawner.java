package dev.tracekit.ptrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts programs with posix_spawn(3). java.lang.Process cannot be used for tracees: its reaper
 * thread would race the tracer for the child's wait statuses. Children get this process's
 * environment as it is, every signal at its default action and none blocked, whatever the
 * JVM's threads had, and only stdin, stdout and stderr: the JVM's files (and the log) are none
 * of their business.
 */
public final class Spawner {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int SPAWNATTR_SIZE = 512;
    private static final int SIGSET_SIZE = 128;
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int MFD_CLOEXEC = 1;
    /** Where a stopped launch finds {@link StopperProgram}: an in-memory file, no temp file to leave behind. */
    private static final int STOPPER_FD = 3;
    private static int stopperFd = -1;

    private Spawner() {
    }

    /** Spawns {@code path} with {@code argv}; returns the pid. */
    public static int spawn(String path, List<String> argv) throws PtraceException {
        return spawn(path, argv, -1);
    }

    /**
     * Spawns {@code path} (already searched in PATH) with {@code argv}, stopped by SIGSTOP just
     * before its execve: seize it, then SIGCONT it, and tracing starts at that execve.
     */
    public static int spawnStopped(String path, List<String> argv) throws PtraceException {
        List<String> stopperArgv = new ArrayList<>(List.of("tracekit-stopper", path));
        stopperArgv.addAll(argv);
        return spawn("/proc/self/fd/" + STOPPER_FD, stopperArgv, stopperFd());
    }

    private static int spawn(String path, List<String> argv, int executableFd) throws PtraceException {
        LibC libc = Native.libc();
        CStringArray argvArray = new CStringArray(argv);
        NativeBuffer attributes = new NativeBuffer(SPAWNATTR_SIZE);
        NativeBuffer noSignals = new NativeBuffer(SIGSET_SIZE);
        NativeBuffer allSignals = new NativeBuffer(SIGSET_SIZE);
        NativeBuffer pid = new NativeBuffer(8);
        NativeBuffer fileActions = new NativeBuffer(FILE_ACTIONS_SIZE);
        libc.posix_spawn_file_actions_init(fileActions.address());
        if (executableFd >= 0) {
            libc.posix_spawn_file_actions_adddup2(fileActions.address(), executableFd, STOPPER_FD);
            libc.posix_spawn_file_actions_addclosefrom_np(fileActions.address(), STOPPER_FD + 1);
        } else {
            libc.posix_spawn_file_actions_addclosefrom_np(fileActions.address(), 3);
        }
        libc.sigemptyset(noSignals.address());
        libc.sigfillset(allSignals.address());
        libc.posix_spawnattr_init(attributes.address());
        try {
            libc.posix_spawnattr_setflags(attributes.address(), (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
            libc.posix_spawnattr_setsigmask(attributes.address(), noSignals.address());
            libc.posix_spawnattr_setsigdefault(attributes.address(), allSignals.address());
            int error = libc.posix_spawn(pid.address(), path, fileActions.address(), attributes.address(),
                    argvArray.address(), Native.environ());
            if (error != 0) {
                throw new PtraceException("posix_spawn(" + path + ")", error, null);
            }
            return pid.getInt(0);
        } finally {
            libc.posix_spawnattr_destroy(attributes.address());
            libc.posix_spawn_file_actions_destroy(fileActions.address());
        }
    }

    /** The stopper program in a memfd, made once per JVM and kept open for later launches. */
    private static synchronized int stopperFd() throws PtraceException {
        if (stopperFd < 0) {
            long fd = Native.libc().syscall(Native.syscallNumber("memfd_create"), "tracekit-stopper", MFD_CLOEXEC);
            if (fd < 0) {
                throw new PtraceException("memfd_create(tracekit-stopper)", Native.errno(), null);
            }
            try {
                Files.write(Path.of("/proc/self/fd/" + fd), StopperProgram.elf(System.getProperty("os.arch")));
            } catch (IOException e) {
                throw new PtraceException("writing the stopper program to memfd " + fd, 5, e.getMessage());
            }
            stopperFd = (int) fd;
        }
        return stopperFd;
    }
}
