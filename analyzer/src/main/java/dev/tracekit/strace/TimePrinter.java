package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** struct timespec, timeval, itimerval, itimerspec and timezone as strace prints them. */
final class TimePrinter {
    static final int TIMESPEC = 16;
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    private static final long MAX_NSEC = 999_999_999;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private TimePrinter() {
    }

    /** A timespec at {@code address}, read in {@code phase}: {tv_sec=1, tv_nsec=500}. */
    static void timespec(ArgPrinter out, long address, Capture.Phase phase) {
        Bytes t = out.struct(address, phase, TIMESPEC);
        if (t != null) {
            timespec(out, t, 0);
        }
    }

    static void timespec(ArgPrinter out, Bytes t, int offset) {
        out.text("{tv_sec=").decimal(t.s64(offset)).text(", tv_nsec=").unsigned(t.s64(offset + 8)).text("}");
    }

    static void timeval(ArgPrinter out, Bytes t, int offset) {
        out.text("{tv_sec=").decimal(t.s64(offset)).text(", tv_usec=").unsigned(t.s64(offset + 8)).text("}");
    }

    static void timeval(ArgPrinter out, long address, Capture.Phase phase) {
        Bytes t = out.struct(address, phase, 16);
        if (t != null) {
            timeval(out, t, 0);
        }
    }

    static void itimerval(ArgPrinter out, long address, Capture.Phase phase) {
        Bytes t = out.struct(address, phase, 32);
        if (t != null) {
            out.text("{it_interval=");
            timeval(out, t, 0);
            out.text(", it_value=");
            timeval(out, t, 16);
            out.text("}");
        }
    }

    static void itimerspec(ArgPrinter out, long address, Capture.Phase phase) {
        Bytes t = out.struct(address, phase, 32);
        if (t != null) {
            out.text("{it_interval=");
            timespec(out, t, 0);
            out.text(", it_value=");
            timespec(out, t, 16);
            out.text("}");
        }
    }

    static void timezone(ArgPrinter out, long address, Capture.Phase phase) {
        Bytes t = out.struct(address, phase, 8);
        if (t != null) {
            out.text("{tz_minuteswest=").decimal(t.s32(0)).text(", tz_dsttime=").decimal(t.s32(4)).text("}");
        }
    }

    /** A utimensat time: UTIME_NOW and UTIME_OMIT by name, others with the date they mean. */
    static void utimeTimespec(ArgPrinter out, Bytes t, int offset) {
        long sec = t.s64(offset);
        long nsec = t.s64(offset + 8);
        if (nsec == UTIME_NOW || nsec == UTIME_OMIT) {
            out.text(nsec == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT");
            return;
        }
        timespec(out, t, offset);
        if ((sec != 0 || nsec != 0) && nsec >= 0 && nsec <= MAX_NSEC) {
            ZonedDateTime date = Instant.ofEpochSecond(sec).atZone(out.options().zone());
            out.comment(DATE.format(date) + (nsec > 0 ? String.format(".%09d", nsec) : "") + OFFSET.format(date));
        }
    }
}
