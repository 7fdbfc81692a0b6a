package dev.tracekit.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to record and how.
 *
 * @param pids        processes to attach to; empty when launching {@code command}
 * @param command     the command to launch; empty when attaching
 * @param stringLimit the -s STRSIZE of strace: bytes captured of each string and buffer
 * @param traceSet    the -e trace= expression, or null for every syscall
 * @param duration    stop after this long, or null to run until the tracees end or a signal
 */
public record RecordOptions(List<Integer> pids, List<String> command, Path output, int stringLimit,
                            String traceSet, Duration duration) {
    public static final int DEFAULT_STRING_LIMIT = 32;

    public RecordOptions {
        pids = List.copyOf(pids);
        command = List.copyOf(command);
        Objects.requireNonNull(output, "output");
        if (pids.isEmpty() == command.isEmpty()) {
            throw new IllegalArgumentException("give either processes to attach to or a command to launch");
        }
        if (stringLimit < 0) {
            throw new IllegalArgumentException("string limit must not be negative");
        }
    }

    public boolean launches() {
        return !command.isEmpty();
    }
}
