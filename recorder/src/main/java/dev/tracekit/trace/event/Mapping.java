package dev.tracekit.trace.event;

import java.util.Objects;

/**
 * A memory mapping of a process, as /proc/PID/maps lists it.
 *
 * @param permissions bits {@link #READ}, {@link #WRITE}, {@link #EXECUTE}, {@link #SHARED}
 * @param path        the file, a pseudo-path such as {@code [vdso]}, or empty when anonymous
 * @param buildId     the GNU build-id of the mapped ELF file, empty when it has none
 */
public record Mapping(long time, int pid, long start, long end, long fileOffset, int permissions,
                      String path, ByteString buildId) implements TraceEvent {
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXECUTE = 4;
    public static final int SHARED = 8;

    public Mapping {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(buildId, "buildId");
    }
}
