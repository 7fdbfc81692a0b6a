package dev.tracekit.stracetext;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Reads the timestamps strace puts at the start of a line and turns them into wall-clock
 * nanoseconds. The first timestamp decides the style for the rest of the input: {@code -t}/{@code -tt}
 * (time of day, with a date that the text lacks: see {@link #Clock}), {@code -ttt} (seconds since
 * the epoch), or {@code -r} (seconds since the previous line, summed from the epoch). Fractions
 * of any precision, up to nanoseconds, are read.
 */
final class Clock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400;
    /** A -r value is small; seconds since the epoch are not (a pid prefix never has a dot). */
    private static final long SMALLEST_EPOCH = 100_000_000L;
    private static final int[] SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private enum Style { UNKNOWN, TIME_OF_DAY, EPOCH, RELATIVE }

    private final ZoneId zone;
    private final LocalDateTime written;
    private Style style = Style.UNKNOWN;
    private LocalDate date;
    private long previousOfDay = -1;
    private long relativeSum;
    private LocalDate cachedDate;
    private long cachedSecondOfDay;
    private long cachedEpochSecond;
    /** The time read by the last successful {@link #read}. */
    long nanos;

    /**
     * @param written when the text was last written (the file's modification time): a time of day
     *                is placed on that date, or the day before when it is later in the day than
     *                that; a time of day that goes back by more than 12 hours crossed midnight
     */
    Clock(ZoneId zone, LocalDateTime written) {
        this.zone = zone;
        this.written = written;
    }

    /** A new file of the same trace: its first time of day is dated afresh. */
    void newFile() {
        date = null;
        previousOfDay = -1;
    }

    /**
     * Reads a timestamp at {@code at} if there is one, setting {@link #nanos}.
     *
     * @return the index after it, {@code at} when there is none, or -1 when it is malformed or
     *         in another style than the input's first
     */
    int read(String line, int at) {
        int i = at;
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        int digitsStart = i;
        long whole = 0;
        while (i < n && isDigit(line.charAt(i)) && i - digitsStart < 18) {
            whole = whole * 10 + (line.charAt(i++) - '0');
        }
        if (i == digitsStart || i >= n) {
            return at;
        }
        char next = line.charAt(i);
        if (next == ':') {
            return timeOfDay(line, digitsStart);
        }
        if (next != '.') {
            return at;
        }
        int fractionEnd = fractionEnd(line, i + 1);
        if (fractionEnd < 0) {
            return -1;
        }
        long fraction = fraction(line, i + 1, fractionEnd);
        Style seen = whole >= SMALLEST_EPOCH ? Style.EPOCH : Style.RELATIVE;
        if (!accept(seen)) {
            return -1;
        }
        if (seen == Style.EPOCH) {
            nanos = whole * NANOS_PER_SECOND + fraction;
        } else {
            relativeSum += whole * NANOS_PER_SECOND + fraction;
            nanos = relativeSum;
        }
        return fractionEnd;
    }

    /** HH:MM:SS[.fraction], then, from -r given with -t, an optional {@code (+ 0.000123)} to skip. */
    private int timeOfDay(String line, int at) {
        int n = line.length();
        if (at + 8 > n || line.charAt(at + 2) != ':' || line.charAt(at + 5) != ':') {
            return -1;
        }
        int hours = twoDigits(line, at);
        int minutes = twoDigits(line, at + 3);
        int seconds = twoDigits(line, at + 6);
        if (hours < 0 || minutes < 0 || seconds < 0 || hours > 23 || minutes > 59 || seconds > 60 || !accept(Style.TIME_OF_DAY)) {
            return -1;
        }
        int end = at + 8;
        long fraction = 0;
        if (end < n && line.charAt(end) == '.') {
            int fractionEnd = fractionEnd(line, end + 1);
            if (fractionEnd < 0) {
                return -1;
            }
            fraction = fraction(line, end + 1, fractionEnd);
            end = fractionEnd;
        }
        long ofDay = (hours * 3600L + minutes * 60L + seconds) * NANOS_PER_SECOND + fraction;
        dateFor(ofDay);
        nanos = epochSecond(hours * 3600L + minutes * 60L + seconds) * NANOS_PER_SECOND + fraction;
        return skipRelative(line, end);
    }

    private void dateFor(long ofDay) {
        if (date == null) {
            long writtenOfDay = written.toLocalTime().toNanoOfDay();
            date = ofDay > writtenOfDay ? written.toLocalDate().minusDays(1) : written.toLocalDate();
        } else if (ofDay < previousOfDay - SECONDS_PER_DAY / 2 * NANOS_PER_SECOND) {
            date = date.plusDays(1);
        }
        previousOfDay = ofDay;
    }

    /** Seconds since the epoch of a second of {@link #date}, worked out once per second of the text. */
    private long epochSecond(long secondOfDay) {
        if (date != cachedDate || secondOfDay != cachedSecondOfDay) {
            cachedDate = date;
            cachedSecondOfDay = secondOfDay;
            cachedEpochSecond = LocalDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay % SECONDS_PER_DAY))
                    .atZone(zone).toEpochSecond();
        }
        return cachedEpochSecond;
    }

    private static int skipRelative(String line, int at) {
        if (line.startsWith(" (+", at)) {
            int close = line.indexOf(')', at);
            return close < 0 ? -1 : close + 1;
        }
        return at;
    }

    private boolean accept(Style seen) {
        if (style == Style.UNKNOWN) {
            style = seen;
        }
        return style == seen;
    }

    private static int fractionEnd(String line, int at) {
        int i = at;
        while (i < line.length() && isDigit(line.charAt(i))) {
            i++;
        }
        return i == at || i - at > 9 ? -1 : i;
    }

    private static long fraction(String line, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (line.charAt(i) - '0');
        }
        return value * SCALE[to - from];
    }

    private static int twoDigits(String line, int at) {
        char a = line.charAt(at);
        char b = line.charAt(at + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
