package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Calls on file descriptors: read, write, close, dup, pipe, lseek, fcntl, ioctl, getdents, ... */
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
