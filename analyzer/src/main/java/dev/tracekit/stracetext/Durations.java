package dev.tracekit.stracetext;

/** -T's {@code 0.000123} (or with up to nine decimals) in nanoseconds. */
final class Durations {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MAX_SECONDS_DIGITS = 9;

    private Durations() {
    }

    /** The duration between {@code from} and {@code to}, or -1 when that is no duration. */
    static long parse(String text, int from, int to) {
        int dot = from;
        long seconds = 0;
        while (dot < to && Clock.isDigit(text.charAt(dot))) {
            seconds = seconds * 10 + (text.charAt(dot++) - '0');
        }
        if (dot == from || dot - from > MAX_SECONDS_DIGITS || dot >= to || text.charAt(dot) != '.' || to - dot - 1 > 9 || to == dot + 1) {
            return -1;
        }
        long fraction = 0;
        for (int i = dot + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!Clock.isDigit(c)) {
                return -1;
            }
            fraction = fraction * 10 + (c - '0');
        }
        for (int digits = to - dot - 1; digits < 9; digits++) {
            fraction *= 10;
        }
        return seconds * NANOS_PER_SECOND + fraction;
    }
}
