package dev.tracekit.bench;

/** The x86_64 Linux constants the synthetic calls use, shared by the generator and the formatter. */
final class LinuxAbi {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 04000;
    static final int O_NOCTTY = 0400;
    static final int O_LARGEFILE = 0100000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;

    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;
    static final int MAP_PRIVATE = 2;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_DENYWRITE = 0x800;

    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int FD_CLOEXEC = 1;
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int R_OK = 4;
    static final int TCGETS = 0x5401;
    static final int FUTEX_WAKE_PRIVATE = 129;

    static final long SA_RESTORER = 0x0400_0000L;
    static final long SA_RESTART = 0x1000_0000L;

    private LinuxAbi() {
    }
}
