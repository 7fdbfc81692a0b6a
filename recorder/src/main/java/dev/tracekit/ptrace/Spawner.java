package dev.tracekit.ptrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts programs with posix_spawn(3). java.lang.Process cannot be used for tracees: its reaper
 * thread would race the tracer for the child's wait statuses. Children start with every signal
 * at its default action and none blocked, whatever the JVM's threads had, and with only
 * stdin, stdout and stderr open: the JVM's files (and the log) are none of their business.
 */
public final class Spawner {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int SPAWNATTR_SIZE = 512;
    private static final int SIGSET_SIZE = 128;
    private static final int FILE_ACTIONS_SIZE = 256;

    private Spawner() {
    }

    /** Spawns {@code path} with {@code argv} and the JVM's environment; returns the pid. */
    public static int spawn(String path, List<String> argv) throws PtraceException {
        return spawn(path, argv, System.getenv());
    }

    public static int spawn(String path, List<String> argv, Map<String, String> environment) throws PtraceException {
        LibC libc = Native.libc();
        List<String> env = new ArrayList<>(environment.size());
        environment.forEach((key, value) -> env.add(key + "=" + value));
        CStringArray argvArray = new CStringArray(argv);
        CStringArray envArray = new CStringArray(env);
        NativeBuffer attributes = new NativeBuffer(SPAWNATTR_SIZE);
        NativeBuffer noSignals = new NativeBuffer(SIGSET_SIZE);
        NativeBuffer allSignals = new NativeBuffer(SIGSET_SIZE);
        NativeBuffer pid = new NativeBuffer(8);
        NativeBuffer fileActions = new NativeBuffer(FILE_ACTIONS_SIZE);
        libc.posix_spawn_file_actions_init(fileActions.address());
        libc.posix_spawn_file_actions_addclosefrom_np(fileActions.address(), 3);
        libc.sigemptyset(noSignals.address());
        libc.sigfillset(allSignals.address());
        libc.posix_spawnattr_init(attributes.address());
        try {
            libc.posix_spawnattr_setflags(attributes.address(), (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
            libc.posix_spawnattr_setsigmask(attributes.address(), noSignals.address());
            libc.posix_spawnattr_setsigdefault(attributes.address(), allSignals.address());
            int error = libc.posix_spawn(pid.address(), path, fileActions.address(), attributes.address(),
                    argvArray.address(), envArray.address());
            if (error != 0) {
                throw new PtraceException("posix_spawn(" + path + ")", error, null);
            }
            return pid.getInt(0);
        } finally {
            libc.posix_spawnattr_destroy(attributes.address());
            libc.posix_spawn_file_actions_destroy(fileActions.address());
        }
    }
}
