package dev.tracekit.syscalls;

import java.util.Locale;
import java.util.Optional;

/** A group of system calls that strace's {@code -e trace=%name} selects. */
public enum SyscallClass {
    /** Takes a file name. */
    FILE,
    /** Takes or returns a file descriptor. */
    DESC,
    NETWORK,
    PROCESS,
    SIGNAL,
    MEMORY,
    IPC,
    CREDS,
    CLOCK;

    /** The name in the table and after {@code %}: {@code file}, {@code desc}, ... */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SyscallClass> fromSpelling(String spelling) {
        for (SyscallClass c : values()) {
            if (c.spelling().equals(spelling)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
