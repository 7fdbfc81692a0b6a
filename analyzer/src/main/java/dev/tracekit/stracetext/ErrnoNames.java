package dev.tracekit.stracetext;

import dev.tracekit.syscalls.Errno;

import java.util.HashMap;
import java.util.Map;

/** errno numbers by the names strace prints ({@code ENOENT}, {@code ERESTARTSYS}): a result stores the kernel's -errno. */
final class ErrnoNames {
    private static final int MAX_ERRNO = 4095;
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int errno = MAX_ERRNO; errno >= 1; errno--) {
            // downwards, so that of two names for one number (EWOULDBLOCK, EAGAIN) the lower number wins
            BY_NAME.put(Errno.name(errno), errno);
        }
    }

    private ErrnoNames() {
    }

    /** The number, or 0 when {@code name} is no errno name. */
    static int number(String name) {
        Integer errno = BY_NAME.get(name);
        return errno == null ? 0 : errno;
    }
}
