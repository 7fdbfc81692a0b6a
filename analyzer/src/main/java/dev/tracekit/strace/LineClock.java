package dev.tracekit.strace;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The times on strace's lines: the timestamp column of -t, -tt, -ttt and -r, and -T's
 * {@code <0.000012>}. -r's delta is taken on the clock the caller passes, which need not be the
 * wall clock (a log's monotonic clock does not jump when the wall clock is set).
 */
final class LineClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TimestampStyle style;
    private final ZoneId zone;
    private long previousLine = Long.MIN_VALUE;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    LineClock(StraceOptions options) {
        this.style = options.timestamps();
        this.zone = options.zone();
    }

    /** The timestamp and its trailing space, if the style prints one; {@code lineNanos} feeds -r. */
    void timestamp(StringBuilder line, long wallNanos, long lineNanos) {
        long micros = Math.floorMod(wallNanos, NANOS_PER_SECOND) / 1000;
        switch (style) {
            case NONE -> {
            }
            case SECONDS -> line.append(localTime(wallNanos)).append(' ');
            case MICROSECONDS -> sixDigits(line.append(localTime(wallNanos)).append('.'), micros).append(' ');
            case EPOCH -> sixDigits(line.append(Math.floorDiv(wallNanos, NANOS_PER_SECOND)).append('.'), micros).append(' ');
            case RELATIVE -> {
                long delta = previousLine == Long.MIN_VALUE ? 0 : Math.max(0, lineNanos - previousLine);
                String seconds = Long.toString(delta / NANOS_PER_SECOND);
                line.append("      ", 0, Math.max(0, 6 - seconds.length())).append(seconds).append('.');
                sixDigits(line, delta % NANOS_PER_SECOND / 1000).append(' ');
            }
        }
        previousLine = lineNanos;
    }

    /** -T: {@code <0.000012>}, seconds with microseconds. */
    static void duration(StringBuilder line, long nanos) {
        line.append(" <").append(nanos / NANOS_PER_SECOND).append('.');
        sixDigits(line, nanos % NANOS_PER_SECOND / 1000).append('>');
    }

    /** HH:MM:SS in the zone, worked out once per second of the trace. */
    private String localTime(long wallNanos) {
        long second = Math.floorDiv(wallNanos, NANOS_PER_SECOND);
        if (second != cachedSecond) {
            LocalTime local = Instant.ofEpochSecond(second).atZone(zone).toLocalTime();
            cachedTime = String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
            cachedSecond = second;
        }
        return cachedTime;
    }

    private static StringBuilder sixDigits(StringBuilder line, long value) {
        String digits = Long.toString(value);
        return line.append("000000", 0, 6 - digits.length()).append(digits);
    }
}
