package dev.tracekit.strace;

import java.util.Set;

/**
 * ioctl request codes by name, or as {@code _IOC(dir, type, nr, size)} when unknown, and where
 * strace prints the third argument. The memory ioctls point to is not recorded, so a pointer
 * argument always shows as its address, as strace shows memory it cannot read.
 */
final class IoctlCodes {
    private static final XlatTable NAMES = XlatTables.get("ioctl");
    private static final int TTY_TYPE = 'T';
    /** Requests strace decodes at exit, when the kernel has filled the argument in. */
    private static final Set<String> READ_AT_EXIT = Set.of("TCGETS", "TIOCGLCKTRMIOS", "TCGETA", "TIOCGWINSZ",
            "TIOCMGET", "TIOCGPGRP", "TIOCGSID", "TIOCGETD", "TIOCGSOFTCAR", "TIOCGPTN", "FIONREAD", "TIOCOUTQ",
            "TIOCGEXCL", "TIOCGDEV");
    private static final Set<String> NO_ARGUMENT = Set.of("TIOCSBRK", "TIOCCBRK", "TIOCCONS", "TIOCNOTTY",
            "TIOCEXCL", "TIOCNXCL", "FIOCLEX", "FIONCLEX", "TIOCVHANGUP", "TIOCSSERIAL");
    private static final Set<String> INT_ARGUMENT = Set.of("TCSBRK", "TCSBRKP", "TIOCSCTTY");

    /** Where the third argument goes. */
    enum Argument { NONE, INT, AT_ENTRY, AT_EXIT }

    private IoctlCodes() {
    }

    static void append(ArgPrinter out, long code) {
        String name = NAMES.lookup(code);
        if (name != null) {
            out.text(name);
            return;
        }
        long direction = code >>> 30;
        out.text("_IOC(");
        out.text(direction == 0 ? "_IOC_NONE" : direction == 1 ? "_IOC_WRITE" : direction == 2 ? "_IOC_READ"
                : "_IOC_READ|_IOC_WRITE");
        out.comma().hex(code >>> 8 & 0xff).comma().hex(code & 0xff).comma().hex(code >>> 16 & 0x3fff).text(")");
    }

    static Argument argument(long code) {
        String name = NAMES.lookup(code);
        if (name != null && NO_ARGUMENT.contains(name)) {
            return Argument.NONE;
        }
        if (name != null && INT_ARGUMENT.contains(name)) {
            return Argument.INT;
        }
        if (name != null && READ_AT_EXIT.contains(name)) {
            return Argument.AT_EXIT;
        }
        return (code >>> 8 & 0xff) == TTY_TYPE ? Argument.AT_ENTRY : Argument.AT_EXIT;
    }
}
