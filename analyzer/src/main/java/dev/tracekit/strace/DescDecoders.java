package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Calls on file descriptors: read, write, close, dup, pipe, lseek, fcntl, ioctl, poll, epoll, ... */
final class DescDecoders implements DecoderFamily {
    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_GETOWN = 9;
    private static final int F_SETOWN = 8;
    private static final int F_SETSIG = 10;
    private static final int F_GETSIG = 11;
    private static final int F_SETLEASE = 1024;
    private static final int F_GETLEASE = 1025;
    private static final int F_NOTIFY = 1026;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int POLLFD_SIZE = 8;
    private static final int EPOLL_EVENT_SIZE = 12;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("read", (c, o) -> readBuffer(o.fd(c.arg(0)).comma().entryEnds(), c, 1).comma().unsigned(c.arg(2)));
        d.put("write", (c, o) -> o.fd(c.arg(0)).comma().buffer(c.arg(1), c.arg(2), Capture.Phase.ENTRY).comma()
                .unsigned(c.arg(2)));
        d.put("pread64", (c, o) -> readBuffer(o.fd(c.arg(0)).comma().entryEnds(), c, 1).comma().unsigned(c.arg(2))
                .comma().decimal(c.arg(3)));
        d.put("pwrite64", (c, o) -> o.fd(c.arg(0)).comma().buffer(c.arg(1), c.arg(2), Capture.Phase.ENTRY).comma()
                .unsigned(c.arg(2)).comma().decimal(c.arg(3)));
        d.put("readv", (c, o) -> readv(o, c).comma().unsigned(c.arg(2)));
        d.put("writev", (c, o) -> writev(o, c).comma().unsigned(c.arg(2)));
        d.put("preadv", (c, o) -> readv(o, c).comma().unsigned(c.arg(2)).comma().decimal(c.arg(3)));
        d.put("pwritev", (c, o) -> writev(o, c).comma().unsigned(c.arg(2)).comma().decimal(c.arg(3)));
        d.put("preadv2", (c, o) -> readv(o, c).comma().unsigned(c.arg(2)).comma().decimal(c.arg(3)).comma()
                .flags("rwf", c.arg(5), "RWF_???"));
        d.put("pwritev2", (c, o) -> writev(o, c).comma().unsigned(c.arg(2)).comma().decimal(c.arg(3)).comma()
                .flags("rwf", c.arg(5), "RWF_???"));
        Decoder oneFd = (c, o) -> o.fd(c.arg(0));
        for (String name : new String[] {"close", "fsync", "fdatasync", "syncfs", "fchdir"}) {
            d.put(name, oneFd);
        }
        d.put("dup", (c, o) -> o.fd(c.arg(0)).result(ResultFormat.FD));
        d.put("dup2", (c, o) -> o.fd(c.arg(0)).comma().fd(c.arg(1)).result(ResultFormat.FD));
        d.put("dup3", (c, o) -> o.fd(c.arg(0)).comma().fd(c.arg(1)).comma().flags("open", c.arg(2), "O_???")
                .result(ResultFormat.FD));
        d.put("pipe", (c, o) -> fdPair(o.entryEnds(), c, c.arg(0)));
        d.put("pipe2", (c, o) -> fdPair(o.entryEnds(), c, c.arg(0)).comma().flags("open", c.arg(1), "O_???"));
        d.put("lseek", (c, o) -> o.fd(c.arg(0)).comma().decimal(c.arg(1)).comma().xval("whence", c.arg(2), "SEEK_???")
                .result(ResultFormat.UNSIGNED));
        d.put("fcntl", DescDecoders::fcntl);
        d.put("ioctl", DescDecoders::ioctl);
        d.put("flock", (c, o) -> o.fd(c.arg(0)).comma().flags("flock", c.arg(1) & 0xffffffffL, "LOCK_???"));
        d.put("getdents", (c, o) -> getdents(c, o, false));
        d.put("getdents64", (c, o) -> getdents(c, o, true));
        d.put("poll", (c, o) -> poll(o, c).decimalInt(c.arg(2)).entryEnds());
        d.put("ppoll", DescDecoders::ppoll);
        d.put("select", (c, o) -> select(o, c, false));
        d.put("pselect6", (c, o) -> select(o, c, true));
        d.put("epoll_create", (c, o) -> o.decimalInt(c.arg(0)).result(ResultFormat.FD));
        d.put("epoll_create1", (c, o) -> o.flags("epoll_create", c.arg(0), "EPOLL_???").result(ResultFormat.FD));
        d.put("epoll_ctl", DescDecoders::epollCtl);
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
        d.put("eventfd", (c, o) -> o.unsignedInt(c.arg(0)).result(ResultFormat.FD));
        d.put("eventfd2", (c, o) -> o.unsignedInt(c.arg(0)).comma().flags("eventfd", c.arg(1), "EFD_???")
                .result(ResultFormat.FD));
        d.put("sendfile", DescDecoders::sendfile);
        d.put("close_range", (c, o) -> o.unsignedInt(c.arg(0)).comma().unsignedInt(c.arg(1)).comma()
                .flags("close_range", c.arg(2), "CLOSE_RANGE_???"));
        d.put("readahead", (c, o) -> o.fd(c.arg(0)).comma().decimal(c.arg(1)).comma().unsigned(c.arg(2)));
        d.put("fadvise64", (c, o) -> o.fd(c.arg(0)).comma().decimal(c.arg(1)).comma().decimal(c.arg(2)).comma()
                .xval("fadvise", c.arg(3), "POSIX_FADV_???"));
        d.put("fallocate", (c, o) -> o.fd(c.arg(0)).comma().flags("fallocate", c.arg(1), "FALLOC_FL_???").comma()
                .decimal(c.arg(2)).comma().decimal(c.arg(3)));
        d.put("sync_file_range", (c, o) -> o.fd(c.arg(0)).comma().decimal(c.arg(1)).comma().decimal(c.arg(2)).comma()
                .flags("sync_file_range", c.arg(3), "SYNC_FILE_RANGE_???"));
        d.put("inotify_init", (c, o) -> o.result(ResultFormat.FD));
        d.put("inotify_init1", (c, o) -> o.flags("inotify_init", c.arg(0), "IN_???").result(ResultFormat.FD));
        d.put("inotify_rm_watch", (c, o) -> o.fd(c.arg(0)).comma().decimalInt(c.arg(1)));
        d.put("memfd_create", (c, o) -> o.string(c.arg(0), Capture.Phase.ENTRY).comma()
                .flags("memfd", c.arg(1), "MFD_???").result(ResultFormat.FD));
        d.put("splice", DescDecoders::splice);
        d.put("tee", (c, o) -> o.fd(c.arg(0)).comma().fd(c.arg(1)).comma().unsigned(c.arg(2)).comma()
                .flags("splice", c.arg(3), "SPLICE_F_???"));
        d.put("copy_file_range", DescDecoders::copyFileRange);
    }

    /** read's buffer: what the call returned, or the address when it failed. */
    private static ArgPrinter readBuffer(ArgPrinter o, Call c, int index) {
        if (c.succeeded()) {
            return o.buffer(c.arg(index), c.result(), Capture.Phase.EXIT);
        }
        return o.pointer(c.arg(index));
    }

    private static ArgPrinter readv(ArgPrinter o, Call c) {
        o.fd(c.arg(0)).comma().entryEnds();
        if (c.succeeded()) {
            IovecPrinter.print(o, c.arg(1), c.arg(2), c.result(), Capture.Phase.EXIT, true);
        } else {
            o.pointer(c.arg(1));
        }
        return o;
    }

    private static ArgPrinter writev(ArgPrinter o, Call c) {
        o.fd(c.arg(0)).comma();
        IovecPrinter.print(o, c.arg(1), c.arg(2), -1, Capture.Phase.ENTRY, true);
        return o;
    }

    /** pipe's and socketpair's int[2], written at exit. */
    static ArgPrinter fdPair(ArgPrinter o, Call c, long address) {
        Bytes fds = c.succeeded() ? o.struct(address, Capture.Phase.EXIT, 8) : null;
        if (fds != null) {
            o.text("[").fd(fds.s32(0)).comma().fd(fds.s32(4)).text("]");
        } else if (!c.succeeded()) {
            o.pointer(address);
        }
        return o;
    }

    private static void fcntl(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma().xval("fcntl_cmd", c.arg(1) & 0xffffffffL, "F_???");
        int cmd = c.intArg(1);
        long arg = c.arg(2);
        switch (cmd) {
            case F_SETFD -> o.comma().flags("fd_flags", arg, "FD_???");
            case F_SETOWN, F_SETPIPE_SZ -> o.comma().decimalInt(arg);
            case F_DUPFD, F_DUPFD_CLOEXEC -> o.comma().decimalInt(arg).result(ResultFormat.FD);
            case F_SETFL -> {
                o.comma();
                FileDecoders.openFlags(o, arg);
            }
            case F_NOTIFY -> o.comma().flags("notify", arg, "DN_???");
            case F_SETLEASE -> o.comma().xval("lock_type", arg, "F_???");
            case F_ADD_SEALS -> o.comma().flags("f_seals", arg, "F_SEAL_???");
            case F_SETSIG -> o.comma().signal(arg);
            case F_GETOWN, F_GETPIPE_SZ -> {
                // no argument
            }
            case F_GETFD -> {
                o.entryEnds();
                if (c.succeeded() && c.result() != 0) {
                    StringBuilder note = new StringBuilder("flags ");
                    XlatTables.get("fd_flags").appendFlags(note, c.result());
                    o.result(ResultFormat.HEX).resultNote(note.toString());
                }
            }
            case F_GETFL -> {
                o.entryEnds();
                if (c.succeeded()) {
                    String flags = FileDecoders.openFlagsText(c.result());
                    o.result(ResultFormat.HEX).resultNote("flags" + (flags != null ? " " + flags : ""));
                }
            }
            case F_GETLEASE -> {
                o.entryEnds();
                if (c.succeeded()) {
                    o.result(ResultFormat.HEX).resultNote(XlatTables.get("lock_type").lookup(c.result()));
                }
            }
            case F_GET_SEALS -> {
                o.entryEnds();
                if (c.succeeded() && c.result() != 0) {
                    StringBuilder note = new StringBuilder("seals ");
                    XlatTables.get("f_seals").appendFlags(note, c.result());
                    o.result(ResultFormat.HEX).resultNote(note.toString());
                }
            }
            case F_GETSIG -> {
                o.entryEnds();
                if (c.succeeded() && c.result() != 0) {
                    o.resultNote(Signals.name((int) c.result()));
                }
            }
            default -> o.comma().hex(arg);
        }
    }

    private static void ioctl(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma();
        long code = c.arg(1) & 0xffffffffL;
        IoctlCodes.append(o, code);
        switch (IoctlCodes.argument(code)) {
            case NONE -> {
            }
            case INT -> o.comma().decimalInt(c.arg(2));
            case AT_ENTRY -> o.comma().hex(c.arg(2));
            case AT_EXIT -> o.entryEnds().comma().hex(c.arg(2));
        }
    }

    /** strace counts the entries of the buffer; "N+" when it could not read them all. */
    private static void getdents(Call c, ArgPrinter o, boolean is64) {
        o.fd(c.arg(0)).comma().entryEnds();
        long count = c.arg(2) & 0xffffffffL;
        if (!c.succeeded() || c.result() > count) {
            o.pointer(c.arg(1));
        } else {
            Capture buffer = c.atExit(c.arg(1));
            if (buffer == null && c.result() > 0) {
                o.pointer(c.arg(1));
            } else {
                o.pointer(c.arg(1));
                Dirents.countComment(o, buffer, is64, c.result());
            }
        }
        o.comma().unsigned(count);
    }

    private static ArgPrinter poll(ArgPrinter o, Call c) {
        pollfds(o, c, Capture.Phase.ENTRY, c.arg(0), c.arg(1) & 0xffffffffL);
        o.comma().unsignedInt(c.arg(1)).comma();
        pollResult(o, c, 0);
        return o;
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

    /** The revents of a returned poll, and the time left of ppoll, as a note after the result. */
    private static void pollResult(ArgPrinter o, Call c, long timeout) {
        if (!c.succeeded()) {
            return;
        }
        if (c.result() == 0) {
            o.resultNote("Timeout");
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
        if (!c.succeeded()) {
            return;
        }
        if (c.result() == 0) {
            o.resultNote("Timeout");
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

    /** sendfile's offset is read at entry, and again after a transfer: [0] => [1024]. */
    private static void sendfile(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma().fd(c.arg(1)).comma();
        long offset = c.arg(2);
        Bytes before = offset == 0 ? null : o.struct(offset, Capture.Phase.ENTRY, 8);
        if (offset == 0) {
            o.text("NULL");
        }
        if (before == null) {
            o.comma().unsigned(c.arg(3));
            return;
        }
        o.text("[").unsigned(before.s64(0)).text("]").entryEnds();
        Capture after = c.succeeded() && c.result() != 0 ? c.atExit(offset) : null;
        if (after != null && after.bytes().length() >= 8) {
            o.text(" => [").unsigned(new Bytes(after.bytes()).s64(0)).text("]");
        }
        o.comma().unsigned(c.arg(3));
    }

    private static void splice(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma();
        offsetPointer(o, c.arg(1));
        o.comma().fd(c.arg(2)).comma();
        offsetPointer(o, c.arg(3));
        o.comma().unsigned(c.arg(4)).comma().flags("splice", c.arg(5), "SPLICE_F_???");
    }

    private static void copyFileRange(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma();
        offsetPointer(o, c.arg(1));
        o.comma().fd(c.arg(2)).comma();
        offsetPointer(o, c.arg(3));
        o.comma().unsigned(c.arg(4)).comma().unsignedInt(c.arg(5));
    }

    private static void offsetPointer(ArgPrinter o, long address) {
        Bytes offset = o.struct(address, Capture.Phase.ENTRY, 8);
        if (offset != null) {
            o.text("[").decimal(offset.s64(0)).text("]");
        }
    }
}
