package dev.tracekit.trace.event;

import java.util.Objects;

/**
 * Tracee memory copied during a system call: what a pointer argument (or a pointer found inside
 * captured memory, such as an iovec's base) pointed to, read at entry or at exit.
 *
 * @param address    where the bytes were in the tracee
 * @param fullLength the object's whole length when known (buffer size, result), or
 *                   {@link #UNKNOWN_LENGTH} for a string cut before its end was seen;
 *                   equals {@code bytes.length()} when nothing was cut
 */
public record Capture(Phase phase, long address, long fullLength, ByteString bytes) {
    public static final long UNKNOWN_LENGTH = -1;

    public enum Phase { ENTRY, EXIT }

    public Capture {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(bytes, "bytes");
        if (fullLength != UNKNOWN_LENGTH && fullLength < bytes.length()) {
            throw new IllegalArgumentException(
                    "full length " + fullLength + " is shorter than the " + bytes.length() + " bytes captured");
        }
    }

    public boolean truncated() {
        return fullLength != bytes.length();
    }
}
