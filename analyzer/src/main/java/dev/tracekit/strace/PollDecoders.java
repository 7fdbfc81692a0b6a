package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Waiting on descriptors: poll, ppoll, select, pselect6 and epoll. */
final class PollDecoders implements DecoderFamily {
    private static final int EPOLL_CTL_DEL = 2;
    private static final int POLLFD_SIZE = 8;
    private static final int EPOLL_EVENT_SIZE = 12;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("poll", PollDecoders::poll);
        d.put("ppoll", PollDecoders::ppoll);
        d.put("select", (c, o) -> select(o, c, false));
        d.put("pselect6", (c, o) -> select(o, c, true));
        d.put("epoll_create", (c, o) -> o.decimalInt(c.arg(0)).result(ResultFormat.FD));
        d.put("epoll_create1", (c, o) -> o.flags("epoll_create", c.arg(0), "EPOLL_???").result(ResultFormat.FD));
        d.put("epoll_ctl", PollDecoders::epollCtl);
        d.put("epoll_wait", (c, o) -> epollWait(o, c).decimalInt(c.arg(3)));
        d.put("epoll_pwait", (c, o) -> {
            epollWait(o, c).decimalInt(c.arg(3)).comma();
            SignalDecoders.sigset(o, c.arg(4), c.arg(5), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(5));
        });
        d.put("epoll_pwait2", (c, o) -> {
            epollWait(o, c);
            TimePrinter.timespec(o, c.arg(3), Capture.Phase.ENTRY);
            o.comma();
            SignalDecoders.sigset(o, c.arg(4), c.arg(5), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(5));
        });
    }

    /** The events asked for print at entry; the ones that came, after the result. */
    private static void poll(Call c, ArgPrinter o) {
        pollfds(o, c, Capture.Phase.ENTRY, c.arg(0), c.arg(1) & 0xffffffffL);
        o.comma().unsignedInt(c.arg(1)).comma().decimalInt(c.arg(2)).entryEnds();
        pollResult(o, c, 0);
    }

    private static void ppoll(Call c, ArgPrinter o) {
        pollfds(o, c, Capture.Phase.ENTRY, c.arg(0), c.arg(1) & 0xffffffffL);
        o.comma().unsignedInt(c.arg(1)).comma();
        TimePrinter.timespec(o, c.arg(2), Capture.Phase.ENTRY);
        o.comma();
        SignalDecoders.sigset(o, c.arg(3), c.arg(4), Capture.Phase.ENTRY);
        o.comma().unsigned(c.arg(4)).entryEnds();
        pollResult(o, c, c.arg(2));
    }

    private static void pollfds(ArgPrinter o, Call c, Capture.Phase phase, long address, long count) {
        if (address == 0) {
            o.text("NULL");
            return;
        }
        if (count == 0) {
            o.text("[]");
            return;
        }
        Capture fds = c.find(phase, address);
        if (fds == null || fds.bytes().length() < POLLFD_SIZE) {
            o.pointer(address);
            return;
        }
        Bytes b = new Bytes(fds.bytes());
        o.text("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                o.comma();
            }
            if (i >= o.stringLimit() || !b.has(i * POLLFD_SIZE, POLLFD_SIZE)) {
                o.text("...");
                break;
            }
            int fd = b.s32(i * POLLFD_SIZE);
            o.text("{fd=").fd(fd);
            if (fd >= 0) {
                o.text(", events=").flags("poll_events", b.u16(i * POLLFD_SIZE + 4), "POLL???");
            }
            o.text("}");
        }
        o.text("]");
    }

    /** A failed call has no note; one that returned 0 timed out, as strace notes. */
    private static boolean nothingReady(ArgPrinter o, Call c) {
        if (c.succeeded() && c.result() == 0) {
            o.resultNote("Timeout");
        }
        return !c.succeeded() || c.result() == 0;
    }

    /** The revents of a returned poll, and the time left of ppoll, as a note after the result. */
    private static void pollResult(ArgPrinter o, Call c, long timeout) {
        if (nothingReady(o, c)) {
            return;
        }
        StringBuilder note = new StringBuilder();
        Capture fds = c.atExit(c.arg(0));
        if (fds != null) {
            Bytes b = new Bytes(fds.bytes());
            int printed = 0;
            for (int i = 0; b.has(i * POLLFD_SIZE, POLLFD_SIZE); i++) {
                int revents = b.u16(i * POLLFD_SIZE + 6);
                if (revents == 0) {
                    continue;
                }
                note.append(note.length() == 0 ? "[" : ", ");
                if (printed++ >= o.stringLimit()) {
                    note.append("...");
                    break;
                }
                note.append("{fd=").append(b.s32(i * POLLFD_SIZE)).append(", revents=");
                if (!XlatTables.get("poll_events").appendFlags(note, revents)) {
                    note.append(Numbers.hex(revents));
                }
                note.append('}');
            }
            if (note.length() > 0) {
                note.append(']');
            }
        }
        if (timeout != 0) {
            note.append(note.length() == 0 ? "left " : ", left ");
            Capture left = c.atExit(timeout);
            if (left != null && left.bytes().length() >= TimePrinter.TIMESPEC) {
                Bytes t = new Bytes(left.bytes());
                note.append("{tv_sec=").append(t.s64(0)).append(", tv_nsec=").append(Long.toUnsignedString(t.s64(8)))
                        .append('}');
            } else {
                note.append(Numbers.hex(timeout));
            }
        }
        if (note.length() > 0) {
            o.resultNote(note.toString());
        }
    }

    private static void select(ArgPrinter o, Call c, boolean pselect) {
        int nfds = Math.max(0, Math.min(c.intArg(0), 1024 * 1024));
        o.decimalInt(c.arg(0));
        for (int i = 1; i <= 3; i++) {
            o.comma();
            Capture set = c.atEntry(c.arg(i));
            if (set == null) {
                o.pointer(c.arg(i));
                continue;
            }
            Bytes bits = new Bytes(set.bytes());
            o.text("[");
            boolean first = true;
            for (int fd = 0; fd < nfds && fd / 8 < bits.length(); fd++) {
                if ((bits.u8(fd / 8) & 1 << (fd % 8)) != 0) {
                    if (!first) {
                        o.text(" ");
                    }
                    first = false;
                    o.fd(fd);
                }
            }
            o.text("]");
        }
        o.comma();
        if (pselect) {
            TimePrinter.timespec(o, c.arg(4), Capture.Phase.ENTRY);
            o.comma();
            SignalDecoders.sigsetArgpack(o, c.arg(5));
        } else {
            TimePrinter.timeval(o, c.arg(4), Capture.Phase.ENTRY);
        }
        o.entryEnds();
        selectResult(o, c, nfds, pselect);
    }

    private static void selectResult(ArgPrinter o, Call c, int nfds, boolean pselect) {
        if (nothingReady(o, c)) {
            return;
        }
        StringBuilder note = new StringBuilder();
        String separator = "";
        long ready = c.result();
        String[] names = {"in", "out", "except"};
        for (int i = 0; i < 3 && ready > 0; i++) {
            Capture set = c.atExit(c.arg(i + 1));
            if (set == null) {
                continue;
            }
            Bytes bits = new Bytes(set.bytes());
            boolean first = true;
            for (int fd = 0; fd < nfds && fd / 8 < bits.length() && ready > 0; fd++) {
                if ((bits.u8(fd / 8) & 1 << (fd % 8)) == 0) {
                    continue;
                }
                if (first) {
                    note.append(separator).append(names[i]).append(" [").append(fd);
                    first = false;
                    separator = ", ";
                } else {
                    note.append(' ').append(fd);
                }
                ready--;
            }
            if (note.length() > 0) {
                note.append(']');
            }
        }
        long timeout = c.arg(4);
        if (timeout != 0) {
            Capture left = c.atExit(timeout);
            note.append(separator).append("left ");
            if (left != null && left.bytes().length() >= 16) {
                Bytes t = new Bytes(left.bytes());
                note.append("{tv_sec=").append(t.s64(0)).append(pselect ? ", tv_nsec=" : ", tv_usec=")
                        .append(Long.toUnsignedString(t.s64(8))).append('}');
            } else {
                note.append(Numbers.hex(timeout));
            }
        }
        o.resultNote(note.toString());
    }

    private static void epollCtl(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma().xval("epoll_ctl_op", c.arg(1) & 0xffffffffL, "EPOLL_CTL_???").comma().fd(c.arg(2))
                .comma();
        if (c.intArg(1) == EPOLL_CTL_DEL) {
            o.pointer(c.arg(3));
            return;
        }
        Bytes event = o.struct(c.arg(3), Capture.Phase.ENTRY, EPOLL_EVENT_SIZE);
        if (event != null) {
            epollEvent(o, event, 0);
        }
    }

    private static void epollEvent(ArgPrinter o, Bytes b, int at) {
        o.text("{events=").flags("epoll_events", b.u32(at), "EPOLL???").text(", data={u32=").unsigned(b.u32(at + 4))
                .text(", u64=").unsigned(b.s64(at + 4)).text("}}");
    }

    /** epoll_wait and its kin up to maxevents: the events come back at exit. */

    private static ArgPrinter epollWait(ArgPrinter o, Call c) {
        o.fd(c.arg(0)).comma().entryEnds();
        long events = c.arg(1);
        if (!c.succeeded()) {
            o.pointer(events);
        } else if (c.result() == 0) {
            o.text(events == 0 ? "NULL" : "[]");
        } else {
            Capture array = c.atExit(events);
            if (array == null) {
                o.pointer(events);
            } else {
                Bytes b = new Bytes(array.bytes());
                o.text("[");
                for (int i = 0; i < c.result(); i++) {
                    if (i > 0) {
                        o.comma();
                    }
                    if (i >= o.stringLimit() || !b.has(i * EPOLL_EVENT_SIZE, EPOLL_EVENT_SIZE)) {
                        o.text("...");
                        break;
                    }
                    epollEvent(o, b, i * EPOLL_EVENT_SIZE);
                }
                o.text("]");
            }
        }
        return o.comma().decimalInt(c.arg(2)).comma();
    }
}
