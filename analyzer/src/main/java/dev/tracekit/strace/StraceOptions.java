package dev.tracekit.strace;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How to print strace text, with strace's option for each.
 *
 * @param timestamps  -t / -tt / -ttt / -r, or none
 * @param durations   -T: the time spent in each call, {@code <0.000123>}
 * @param fdPaths     -y: file descriptors with their paths, {@code 3</etc/passwd>}
 * @param stringLimit -s: bytes shown of a string or buffer, elements of an array; a log holds
 *                    no more than it was recorded with, so a larger limit shows what is there
 * @param hexStrings  -x / -xx
 * @param traceSet    -e trace=: an expression for {@code SyscallTable.resolveTraceSet}, or
 *                    null for every call; signals and exits are printed either way
 * @param zone        the time zone of -t and -tt (strace uses the local one)
 * @param syscallNumbers -n: each line's thread's syscall number after the timestamp, {@code [  59] }
 */
public record StraceOptions(TimestampStyle timestamps, boolean durations, boolean fdPaths, int stringLimit,
                            HexStrings hexStrings, String traceSet, ZoneId zone, boolean syscallNumbers) {
    public static final int DEFAULT_STRING_LIMIT = 32;

    public StraceOptions {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(hexStrings, "hexStrings");
        Objects.requireNonNull(zone, "zone");
        if (stringLimit < 0) {
            throw new IllegalArgumentException("string limit must not be negative");
        }
    }

    /** What {@code strace -f -tt -T -o FILE} prints: wall time in microseconds and durations. */
    public static StraceOptions defaults() {
        return new StraceOptions(TimestampStyle.MICROSECONDS, true, false, DEFAULT_STRING_LIMIT, HexStrings.NONE, null,
                ZoneId.systemDefault(), false);
    }

    /** strace's own defaults: no timestamps, no durations. */
    public static StraceOptions plain() {
        return new StraceOptions(TimestampStyle.NONE, false, false, DEFAULT_STRING_LIMIT, HexStrings.NONE, null,
                ZoneId.systemDefault(), false);
    }

    public StraceOptions withTimestamps(TimestampStyle style) {
        return new StraceOptions(style, durations, fdPaths, stringLimit, hexStrings, traceSet, zone, syscallNumbers);
    }

    public StraceOptions withDurations(boolean on) {
        return new StraceOptions(timestamps, on, fdPaths, stringLimit, hexStrings, traceSet, zone, syscallNumbers);
    }

    public StraceOptions withFdPaths(boolean on) {
        return new StraceOptions(timestamps, durations, on, stringLimit, hexStrings, traceSet, zone, syscallNumbers);
    }

    public StraceOptions withStringLimit(int limit) {
        return new StraceOptions(timestamps, durations, fdPaths, limit, hexStrings, traceSet, zone, syscallNumbers);
    }

    public StraceOptions withHexStrings(HexStrings hex) {
        return new StraceOptions(timestamps, durations, fdPaths, stringLimit, hex, traceSet, zone, syscallNumbers);
    }

    public StraceOptions withTraceSet(String expression) {
        return new StraceOptions(timestamps, durations, fdPaths, stringLimit, hexStrings, expression, zone, syscallNumbers);
    }

    public StraceOptions withZone(ZoneId newZone) {
        return new StraceOptions(timestamps, durations, fdPaths, stringLimit, hexStrings, traceSet, newZone, syscallNumbers);
    }

    public StraceOptions withSyscallNumbers(boolean on) {
        return new StraceOptions(timestamps, durations, fdPaths, stringLimit, hexStrings, traceSet, zone, on);
    }
}
