package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Calls on file names: open, stat, access, link, rename, mkdir, readlink, xattr, ... */
final class FileDecoders implements DecoderFamily {
    private static final long O_ACCMODE = 3;
    private static final long O_CREAT = 0100;
    private static final long O_TMPFILE_BIT = 020000000;
    private static final long AT_STATX_SYNC_TYPE = 0x6000;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("open", (c, o) -> open(o, c, 0).result(ResultFormat.FD));
        d.put("openat", (c, o) -> open(o.dirfd(c.arg(0)).comma(), c, 1).result(ResultFormat.FD));
        d.put("creat", (c, o) -> o.path(c.arg(0)).comma().octal(c.arg(1) & 0xffff).result(ResultFormat.FD));
        d.put("openat2", FileDecoders::openat2);
        d.put("stat", (c, o) -> stat(o.path(c.arg(0)).comma().entryEnds(), c.arg(1)));
        d.put("lstat", (c, o) -> stat(o.path(c.arg(0)).comma().entryEnds(), c.arg(1)));
        d.put("fstat", (c, o) -> stat(o.fd(c.arg(0)).comma().entryEnds(), c.arg(1)));
        d.put("newfstatat", (c, o) -> {
            o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().entryEnds();
            StatPrinter.stat(o, c.arg(2));
            o.comma().flags("at", c.arg(3), "AT_???");
        });
        d.put("statx", FileDecoders::statx);
        d.put("statfs", (c, o) -> StatPrinter.statfs(o.path(c.arg(0)).comma().entryEnds(), c.arg(1)));
        d.put("fstatfs", (c, o) -> StatPrinter.statfs(o.fd(c.arg(0)).comma().entryEnds(), c.arg(1)));
        d.put("access", (c, o) -> o.path(c.arg(0)).comma().flags("access", c.arg(1), "?_OK"));
        d.put("faccessat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma()
                .flags("access", c.arg(2), "?_OK"));
        d.put("faccessat2", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma()
                .flags("access", c.arg(2), "?_OK").comma().flags("faccessat", c.arg(3), "AT_???"));
        Decoder onePath = (c, o) -> o.path(c.arg(0));
        for (String name : new String[] {"chdir", "rmdir", "unlink", "chroot", "acct", "swapoff", "uselib"}) {
            d.put(name, onePath);
        }
        Decoder twoPaths = (c, o) -> o.path(c.arg(0)).comma().path(c.arg(1));
        for (String name : new String[] {"rename", "link", "symlink", "pivot_root"}) {
            d.put(name, twoPaths);
        }
        d.put("mkdir", (c, o) -> o.path(c.arg(0)).comma().octal(c.arg(1) & 0xffff));
        d.put("chmod", (c, o) -> o.path(c.arg(0)).comma().octal(c.arg(1) & 0xffff));
        d.put("fchmod", (c, o) -> o.fd(c.arg(0)).comma().octal(c.arg(1) & 0xffff));
        d.put("mkdirat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().octal(c.arg(2) & 0xffff));
        d.put("fchmodat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().octal(c.arg(2) & 0xffff));
        d.put("unlinkat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().flags("at", c.arg(2), "AT_???"));
        d.put("renameat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().dirfd(c.arg(2)).comma()
                .path(c.arg(3)));
        d.put("renameat2", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().dirfd(c.arg(2)).comma()
                .path(c.arg(3)).comma().flags("rename", c.arg(4), "RENAME_???"));
        d.put("linkat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().dirfd(c.arg(2)).comma()
                .path(c.arg(3)).comma().flags("at", c.arg(4), "AT_???"));
        d.put("symlinkat", (c, o) -> o.path(c.arg(0)).comma().dirfd(c.arg(1)).comma().path(c.arg(2)));
        d.put("readlink", (c, o) -> readlink(o, c, 0));
        d.put("readlinkat", (c, o) -> readlink(o.dirfd(c.arg(0)).comma(), c, 1));
        d.put("getcwd", FileDecoders::getcwd);
        d.put("chown", (c, o) -> o.path(c.arg(0)).comma().id(c.arg(1)).comma().id(c.arg(2)));
        d.put("lchown", (c, o) -> o.path(c.arg(0)).comma().id(c.arg(1)).comma().id(c.arg(2)));
        d.put("fchown", (c, o) -> o.fd(c.arg(0)).comma().id(c.arg(1)).comma().id(c.arg(2)));
        d.put("fchownat", (c, o) -> o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma().id(c.arg(2)).comma()
                .id(c.arg(3)).comma().flags("at", c.arg(4), "AT_???"));
        d.put("umask", (c, o) -> o.octal(c.arg(0) & 0xffff).result(ResultFormat.OCTAL));
        d.put("truncate", (c, o) -> o.path(c.arg(0)).comma().decimal(c.arg(1)));
        d.put("ftruncate", (c, o) -> o.fd(c.arg(0)).comma().decimal(c.arg(1)));
        d.put("mknod", (c, o) -> mknod(o.path(c.arg(0)).comma(), c.arg(1), c.arg(2)));
        d.put("mknodat", (c, o) -> mknod(o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma(), c.arg(2), c.arg(3)));
        d.put("getxattr", (c, o) -> getxattr(o.path(c.arg(0)), c));
        d.put("lgetxattr", (c, o) -> getxattr(o.path(c.arg(0)), c));
        d.put("fgetxattr", (c, o) -> getxattr(o.fd(c.arg(0)), c));
        d.put("setxattr", (c, o) -> setxattr(o.path(c.arg(0)), c));
        d.put("lsetxattr", (c, o) -> setxattr(o.path(c.arg(0)), c));
        d.put("fsetxattr", (c, o) -> setxattr(o.fd(c.arg(0)), c));
        d.put("listxattr", (c, o) -> listxattr(o.path(c.arg(0)), c));
        d.put("llistxattr", (c, o) -> listxattr(o.path(c.arg(0)), c));
        d.put("flistxattr", (c, o) -> listxattr(o.fd(c.arg(0)), c));
        d.put("removexattr", (c, o) -> o.path(c.arg(0)).comma().string(c.arg(1), Capture.Phase.ENTRY));
        d.put("lremovexattr", (c, o) -> o.path(c.arg(0)).comma().string(c.arg(1), Capture.Phase.ENTRY));
        d.put("fremovexattr", (c, o) -> o.fd(c.arg(0)).comma().string(c.arg(1), Capture.Phase.ENTRY));
        d.put("utimensat", FileDecoders::utimensat);
        d.put("inotify_add_watch", (c, o) -> o.fd(c.arg(0)).comma().path(c.arg(1)).comma()
                .flags("inotify_mask", c.arg(2) & 0xffffffffL, "IN_???"));
    }

    private static ArgPrinter open(ArgPrinter o, Call c, int at) {
        long flags = c.arg(at + 1);
        o.path(c.arg(at)).comma();
        openFlags(o, flags);
        if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0) {
            o.comma().octal(c.arg(at + 2) & 0xffff);
        }
        return o;
    }

    /** tprint_open_modes: the access mode by name, then the other flags. */
    static void openFlags(ArgPrinter o, long flags) {
        String text = openFlagsText(flags);
        o.text(text != null ? text : Numbers.hex(flags));
    }

    /** sprint_open_modes: "O_RDWR|O_CLOEXEC", or null when no name applies. */
    static String openFlagsText(long flags) {
        flags &= 0xffffffffL;
        StringBuilder text = new StringBuilder();
        String access = XlatTables.get("open_access").lookup(flags & O_ACCMODE);
        long rest = flags;
        if (access != null) {
            text.append(access);
            rest &= ~O_ACCMODE;
            if (rest == 0) {
                return text.toString();
            }
            text.append('|');
        }
        int mark = text.length();
        if (!XlatTables.get("open").appendFlags(text, rest)) {
            text.setLength(mark);
            if (rest == 0) {
                return access;
            }
            text.append(Numbers.hex(rest));
        }
        return text.toString();
    }

    private static void openat2(Call c, ArgPrinter o) {
        o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma();
        long size = c.arg(3);
        Bytes how = size < 24 ? null : o.struct(c.arg(2), Capture.Phase.ENTRY, 24);
        if (size < 24) {
            o.pointer(c.arg(2));
        }
        if (how != null) {
            long flags = how.s64(0);
            long mode = how.s64(8);
            o.text("{flags=");
            openFlags(o, flags);
            if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0 || mode != 0) {
                o.text(", mode=").octal(mode);
            }
            o.text(", resolve=").flags("open_resolve", how.s64(16), "RESOLVE_???").text("}");
        }
        o.comma().unsigned(size).result(ResultFormat.FD);
    }

    private static void stat(ArgPrinter o, long address) {
        StatPrinter.stat(o, address);
    }

    private static void statx(Call c, ArgPrinter o) {
        o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma();
        long flags = c.arg(2) & 0xffffffffL;
        o.flags("at_statx_sync", flags & AT_STATX_SYNC_TYPE, null);
        long rest = flags & ~AT_STATX_SYNC_TYPE;
        if (rest != 0) {
            o.text("|").flags("at", rest, null);
        }
        o.comma().flags("statx_mask", c.arg(3) & 0xffffffffL, "STATX_???").comma().entryEnds();
        StatPrinter.statx(o, c.arg(4));
    }

    private static void readlink(ArgPrinter o, Call c, int at) {
        o.path(c.arg(at)).comma().entryEnds();
        if (c.succeeded()) {
            o.buffer(c.arg(at + 1), c.result(), Capture.Phase.EXIT);
        } else {
            o.pointer(c.arg(at + 1));
        }
        o.comma().unsigned(c.arg(at + 2));
    }

    /** The kernel counts the NUL in getcwd's result; strace shows the path without it. */
    private static void getcwd(Call c, ArgPrinter o) {
        o.entryEnds();
        Capture path = c.succeeded() ? c.atExit(c.arg(0)) : null;
        if (path == null) {
            o.pointer(c.arg(0));
        } else {
            byte[] bytes = path.bytes().toByteArray();
            int length = (int) Math.max(0, Math.min(bytes.length, c.result() - 1));
            int nul = 0;
            while (nul < length && bytes[nul] != 0) {
                nul++;
            }
            QuotedString.append(o.builder(), bytes, nul, o.options().hexStrings());
        }
        o.comma().unsigned(c.arg(1));
    }

    private static void mknod(ArgPrinter o, long mode, long dev) {
        StatPrinter.mode(o, mode & 0xffffffffL);
        long type = mode & 0170000;
        if (type == 0020000 || type == 0060000) {
            o.comma();
            StatPrinter.device(o, dev);
        }
    }

    /** An attribute value ends in a NUL more often than not; strace leaves a last NUL out. */
    private static void getxattr(ArgPrinter o, Call c) {
        o.comma().string(c.arg(1), Capture.Phase.ENTRY).comma().entryEnds();
        Capture value = c.succeeded() ? c.atExit(c.arg(2)) : null;
        if (value == null) {
            o.pointer(c.arg(2));
        } else {
            byte[] bytes = value.bytes().toByteArray();
            long length = c.result();
            if (length <= o.stringLimit() && length == bytes.length && length > 0 && bytes[bytes.length - 1] == 0) {
                QuotedString.append(o.builder(), bytes, bytes.length - 1, o.options().hexStrings());
            } else {
                o.appendBuffer(bytes, length);
            }
        }
        o.comma().unsigned(c.arg(3));
    }

    private static void setxattr(ArgPrinter o, Call c) {
        o.comma().string(c.arg(1), Capture.Phase.ENTRY).comma().buffer(c.arg(2), c.arg(3), Capture.Phase.ENTRY)
                .comma().unsigned(c.arg(3)).comma().flags("xattr", c.arg(4), "XATTR_???");
    }

    private static void listxattr(ArgPrinter o, Call c) {
        o.comma().entryEnds();
        if (c.succeeded() && c.arg(2) != 0) {
            o.buffer(c.arg(1), c.result(), Capture.Phase.EXIT);
        } else {
            o.pointer(c.arg(1));
        }
        o.comma().unsigned(c.arg(2));
    }

    private static void utimensat(Call c, ArgPrinter o) {
        o.dirfd(c.arg(0)).comma().path(c.arg(1)).comma();
        Bytes times = o.struct(c.arg(2), Capture.Phase.ENTRY, 32);
        if (times != null) {
            o.text("[");
            TimePrinter.utimeTimespec(o, times, 0);
            o.comma();
            TimePrinter.utimeTimespec(o, times, 16);
            o.text("]");
        }
        o.comma().flags("at", c.arg(3), "AT_???");
    }
}
