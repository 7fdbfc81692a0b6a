package dev.tracekit.strace;

/** How strings are escaped: strace's default, -x or -xx. */
public enum HexStrings {
    /** Printable ASCII as is, C escapes for \t \n \v \f \r, octal for other bytes. */
    NONE,
    /** -x: the whole string in \xNN when it holds a byte that is neither printable nor whitespace. */
    NON_ASCII,
    /** -xx: every byte in \xNN. */
    ALL
}
