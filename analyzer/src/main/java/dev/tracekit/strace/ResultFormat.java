package dev.tracekit.strace;

/** How a successful call's return value prints, as strace's RVAL_* say. */
enum ResultFormat {
    DECIMAL,
    UNSIGNED,
    /** Addresses: mmap, brk, mremap, shmat. */
    HEX,
    /** umask. */
    OCTAL,
    /** A new file descriptor, with its path under -y. */
    FD,
    /** exit-like calls: {@code = ?}. */
    NONE
}
