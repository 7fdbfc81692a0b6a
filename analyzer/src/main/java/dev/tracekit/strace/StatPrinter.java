package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

/**
 * struct stat, statx and statfs as strace abbreviates them without -v: the file type and mode,
 * then the size (or the device of a device file), then "...".
 */
final class StatPrinter {
    private static final int STAT_SIZE = 144;
    private static final int STATX_MIN = 0x30;
    private static final int STATFS_SIZE = 120;
    private static final long S_IFMT = 0170000;
    private static final long S_IFCHR = 0020000;
    private static final long S_IFBLK = 0060000;
    private static final long STATX_TYPE_OR_MODE = 0x3;
    private static final long STATX_SIZE = 0x200;
    private static final long ST_VALID = 0x20;

    private StatPrinter() {
    }

    static void stat(ArgPrinter out, long address) {
        Bytes st = exitStruct(out, address, STAT_SIZE);
        if (st == null) {
            return;
        }
        long mode = st.u32(24);
        out.text("{st_mode=");
        mode(out, mode);
        long type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            out.text(", st_rdev=");
            device(out, st.s64(40));
        } else {
            out.text(", st_size=").decimal(st.s64(48));
        }
        out.text(", ...}");
    }

    static void statx(ArgPrinter out, long address) {
        Bytes stx = exitStruct(out, address, STATX_MIN);
        if (stx == null) {
            return;
        }
        long mask = stx.u32(0);
        out.text("{stx_mask=").flags("statx_mask", mask, "STATX_???");
        out.text(", stx_attributes=").flags("statx_attrs", stx.s64(8), "STATX_ATTR_???");
        if ((mask & STATX_TYPE_OR_MODE) != 0) {
            out.text(", stx_mode=");
            mode(out, stx.u16(28));
        }
        if ((mask & STATX_SIZE) != 0) {
            out.text(", stx_size=").unsigned(stx.s64(40));
        }
        out.text(", ...}");
    }

    static void statfs(ArgPrinter out, long address) {
        Bytes b = exitStruct(out, address, STATFS_SIZE);
        if (b == null) {
            return;
        }
        out.text("{f_type=");
        String magic = XlatTables.get("fs_magic").lookup(b.s64(0));
        out.text(magic != null ? magic : Numbers.hex(b.s64(0)));
        out.text(", f_bsize=").unsigned(b.s64(8));
        out.text(", f_blocks=").unsigned(b.s64(16));
        out.text(", f_bfree=").unsigned(b.s64(24));
        out.text(", f_bavail=").unsigned(b.s64(32));
        out.text(", f_files=").unsigned(b.s64(40));
        out.text(", f_ffree=").unsigned(b.s64(48));
        out.text(", f_fsid={val=[").hex(b.u32(56)).comma().hex(b.u32(60)).text("]}");
        out.text(", f_namelen=").unsigned(b.s64(64));
        out.text(", f_frsize=").unsigned(b.s64(72));
        long flags = b.s64(80);
        if ((flags & ST_VALID) != 0) {
            out.text(", f_flags=").flags("statfs_flags", flags, "ST_???");
        }
        out.text("}");
    }

    /** print_symbolic_mode_t: S_IFREG|0644, with S_ISUID/S_ISGID/S_ISVTX spelled out. */
    static void mode(ArgPrinter out, long mode) {
        String type = (mode & S_IFMT) != 0 ? XlatTables.get("file_type").lookup(mode & S_IFMT) : "";
        if (type == null) {
            out.octal(mode);
            return;
        }
        StringBuilder text = out.builder();
        text.append(type).append(type.isEmpty() ? "" : "|");
        if ((mode & 04000) != 0) {
            text.append("S_ISUID|");
        }
        if ((mode & 02000) != 0) {
            text.append("S_ISGID|");
        }
        if ((mode & 01000) != 0) {
            text.append("S_ISVTX|");
        }
        out.octal(mode & ~(S_IFMT | 07000));
    }

    /** makedev(0x1, 0x3), with glibc's split of a dev_t into major and minor. */
    static void device(ArgPrinter out, long dev) {
        long major = (dev >>> 8 & 0xfff) | (dev >>> 32 & ~0xfffL);
        long minor = (dev & 0xff) | (dev >>> 12 & ~0xffL);
        out.text("makedev(").hex(major & 0xffffffffL).comma().hex(minor & 0xffffffffL).text(")");
    }

    private static Bytes exitStruct(ArgPrinter out, long address, int size) {
        if (!out.call().succeeded()) {
            out.pointer(address);
            return null;
        }
        return out.struct(address, Capture.Phase.EXIT, size);
    }
}
