package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Clocks, sleeps and timers: nanosleep, clock_gettime, gettimeofday, setitimer, timerfd, ... */
final class TimeDecoders implements DecoderFamily {
    private static final int ERESTARTSYS = 512;
    private static final int ERESTART_RESTARTBLOCK = 516;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("nanosleep", (c, o) -> {
            TimePrinter.timespec(o, c.arg(0), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            remaining(o, c, c.arg(1));
        });
        d.put("clock_nanosleep", (c, o) -> {
            clock(o, c.arg(0)).comma().flags("timer_abstime", c.arg(1), "TIMER_???").comma();
            TimePrinter.timespec(o, c.arg(2), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            if (c.arg(1) == 0) {
                remaining(o, c, c.arg(3));
            } else {
                o.pointer(c.arg(3));
            }
        });
        d.put("clock_gettime", (c, o) -> exitTimespec(clock(o, c.arg(0)).comma().entryEnds(), c, c.arg(1)));
        d.put("clock_getres", (c, o) -> exitTimespec(clock(o, c.arg(0)).comma().entryEnds(), c, c.arg(1)));
        d.put("clock_settime", (c, o) -> TimePrinter.timespec(clock(o, c.arg(0)).comma(), c.arg(1),
                Capture.Phase.ENTRY));
        d.put("gettimeofday", (c, o) -> {
            o.entryEnds();
            if (c.succeeded()) {
                TimePrinter.timeval(o, c.arg(0), Capture.Phase.EXIT);
                o.comma();
                TimePrinter.timezone(o, c.arg(1), Capture.Phase.EXIT);
            } else {
                o.pointer(c.arg(0)).comma().pointer(c.arg(1));
            }
        });
        d.put("settimeofday", (c, o) -> {
            TimePrinter.timeval(o, c.arg(0), Capture.Phase.ENTRY);
            o.comma();
            TimePrinter.timezone(o, c.arg(1), Capture.Phase.ENTRY);
        });
        d.put("time", (c, o) -> {
            o.entryEnds();
            Bytes t = c.succeeded() && c.arg(0) != 0 ? o.struct(c.arg(0), Capture.Phase.EXIT, 8) : null;
            if (t != null) {
                o.text("[").decimal(t.s64(0)).text("]");
            } else if (c.arg(0) == 0 || !c.succeeded()) {
                o.pointer(c.arg(0));
            }
        });
        d.put("getitimer", (c, o) -> {
            o.xval("itimer_which", c.arg(0), "ITIMER_???").comma().entryEnds();
            exitItimerval(o, c, c.arg(1));
        });
        d.put("setitimer", (c, o) -> {
            o.xval("itimer_which", c.arg(0), "ITIMER_???").comma();
            TimePrinter.itimerval(o, c.arg(1), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            exitItimerval(o, c, c.arg(2));
        });
        d.put("alarm", (c, o) -> o.unsignedInt(c.arg(0)));
        d.put("timerfd_create", (c, o) -> clock(o, c.arg(0)).comma().flags("timerfd_create", c.arg(1), "TFD_???")
                .result(ResultFormat.FD));
        d.put("timerfd_settime", (c, o) -> {
            o.fd(c.arg(0)).comma().flags("timerfd_settime", c.arg(1), "TFD_???").comma();
            TimePrinter.itimerspec(o, c.arg(2), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            exitItimerspec(o, c, c.arg(3));
        });
        d.put("timerfd_gettime", (c, o) -> {
            o.fd(c.arg(0)).comma().entryEnds();
            exitItimerspec(o, c, c.arg(1));
        });
        d.put("timer_settime", (c, o) -> {
            o.decimalInt(c.arg(0)).comma().flags("timer_abstime", c.arg(1), "TIMER_???").comma();
            TimePrinter.itimerspec(o, c.arg(2), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            exitItimerspec(o, c, c.arg(3));
        });
        d.put("timer_gettime", (c, o) -> {
            o.decimalInt(c.arg(0)).comma().entryEnds();
            exitItimerspec(o, c, c.arg(1));
        });
        d.put("timer_delete", (c, o) -> o.decimalInt(c.arg(0)));
        d.put("timer_getoverrun", (c, o) -> o.decimalInt(c.arg(0)));
    }

    /** clockid_t: a name, or the raw number for the negative ids of CPU-time clocks. */
    private static ArgPrinter clock(ArgPrinter o, long id) {
        int clock = (int) id;
        return clock < 0 ? o.decimal(clock) : o.xval("clock", clock, "CLOCK_???");
    }

    /**
     * A sleep's remaining time means something only when a signal interrupted it (ERESTART*),
     * and only then does strace show it; otherwise the address.
     */
    private static void remaining(ArgPrinter o, Call c, long address) {
        boolean interrupted = c.errno() >= ERESTARTSYS && c.errno() <= ERESTART_RESTARTBLOCK;
        Capture left = interrupted ? c.atExit(address) : null;
        if (left != null && left.bytes().length() >= TimePrinter.TIMESPEC) {
            TimePrinter.timespec(o, new Bytes(left.bytes()), 0);
        } else {
            o.pointer(address);
        }
    }

    private static void exitTimespec(ArgPrinter o, Call c, long address) {
        if (c.succeeded()) {
            TimePrinter.timespec(o, address, Capture.Phase.EXIT);
        } else {
            o.pointer(address);
        }
    }

    private static void exitItimerval(ArgPrinter o, Call c, long address) {
        if (c.succeeded()) {
            TimePrinter.itimerval(o, address, Capture.Phase.EXIT);
        } else {
            o.pointer(address);
        }
    }

    private static void exitItimerspec(ArgPrinter o, Call c, long address) {
        if (c.succeeded()) {
            TimePrinter.itimerspec(o, address, Capture.Phase.EXIT);
        } else {
            o.pointer(address);
        }
    }
}
