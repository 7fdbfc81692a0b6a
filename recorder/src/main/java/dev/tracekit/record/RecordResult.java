package dev.tracekit.record;

import java.time.Duration;

/**
 * How a recording ended.
 *
 * @param commandStatus the launched command's wait status, or -1 (attached, or still running)
 * @param sampling      how threads on the CPU were sampled, one line for stderr; null without timer samples
 */
public record RecordResult(long events, long bytes, Duration elapsed, int commandStatus, String sampling) {

    /** What tracekit record exits with: the command's code, 128+N when killed by signal N. */
    public int exitCode() {
        if (commandStatus < 0) {
            return 0;
        }
        int termSignal = commandStatus & 0x7f;
        return termSignal == 0 ? (commandStatus >> 8) & 0xff : 128 + termSignal;
    }

    /** One line for stderr: "recorded 1234 events (56.7 KiB) in 1.23 s". */
    public String summary() {
        return String.format("recorded %d events (%s) in %.2f s", events, size(bytes), elapsed.toNanos() / 1e9);
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
