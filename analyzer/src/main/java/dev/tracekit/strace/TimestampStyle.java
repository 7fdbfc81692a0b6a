package dev.tracekit.strace;

/** The time printed before each line, as strace's -t, -tt, -ttt and -r choose it. */
public enum TimestampStyle {
    NONE,
    /** -t: {@code HH:MM:SS}, local time. */
    SECONDS,
    /** -tt: {@code HH:MM:SS.uuuuuu}, local time. */
    MICROSECONDS,
    /** -ttt: {@code EPOCH.uuuuuu}. */
    EPOCH,
    /** -r: {@code %6d.%06d} seconds since the previous line. */
    RELATIVE
}
