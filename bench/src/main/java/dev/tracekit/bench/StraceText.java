package dev.tracekit.bench;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.TraceHeader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.tracekit.bench.LinuxAbi.*;

/**
 * Renders a synthetic {@link Syscall} as {@code strace -f -tt -T -o FILE} (strace 6.1) prints it,
 * so the log can be compared with the text it replaces. A size model for the calls of
 * {@link MixSyscall}, not a decoder: it knows only the flags, structs and errors those calls
 * produce, checked against real strace output of the same calls. Every call is one line; real
 * strace splits a call into "unfinished" and "resumed" lines when another thread's or process's
 * call comes between, which only makes its text longer.
 */
final class StraceText {
    /** strace pads the call to this column before " = ". */
    private static final int RESULT_COLUMN = 39;
    private static final String[] SIGNALS = {"", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
        "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
        "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
    private static final Flag[] OPEN_FLAGS = {new Flag(O_NOCTTY, "O_NOCTTY"), new Flag(O_NONBLOCK, "O_NONBLOCK"),
        new Flag(O_LARGEFILE, "O_LARGEFILE"), new Flag(O_NOFOLLOW, "O_NOFOLLOW"), new Flag(O_CLOEXEC, "O_CLOEXEC")};
    private static final Flag[] AT_FLAGS = {new Flag(AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"),
        new Flag(AT_EMPTY_PATH, "AT_EMPTY_PATH")};
    private static final Flag[] PROT_FLAGS = {new Flag(PROT_READ, "PROT_READ"), new Flag(PROT_WRITE, "PROT_WRITE"),
        new Flag(PROT_EXEC, "PROT_EXEC")};
    private static final Flag[] MAP_FLAGS = {new Flag(MAP_PRIVATE, "MAP_PRIVATE"), new Flag(MAP_FIXED, "MAP_FIXED"),
        new Flag(MAP_ANONYMOUS, "MAP_ANONYMOUS"), new Flag(MAP_DENYWRITE, "MAP_DENYWRITE")};
    private static final Flag[] SA_FLAGS = {new Flag(SA_RESTORER, "SA_RESTORER"), new Flag(SA_RESTART, "SA_RESTART")};

    /** One bit of a flags argument and the name strace gives it; tables list bits in ascending order. */
    private record Flag(long bit, String name) {
    }

    private final TraceHeader header;
    private final StringBuilder line = new StringBuilder(256);
    private Syscall event;

    StraceText(TraceHeader header) {
        this.header = header;
    }

    /** The line, without its newline. */
    String format(Syscall e) {
        event = e;
        line.setLength(0);
        // "%-5d ": the tid left-aligned in five columns, then a space
        String tid = Integer.toString(e.tid());
        line.append(tid).append(" ".repeat(Math.max(1, 6 - tid.length())));
        clock(header.toWallNanos(e.time()));
        MixSyscall call = MixSyscall.byNumber(e.number());
        line.append(' ').append(call.name).append('(');
        arguments(call, e.args());
        line.append(')');
        while (line.length() < RESULT_COLUMN) {
            line.append(' ');
        }
        line.append(" = ");
        result(call, e.result());
        line.append(" <");
        seconds(e.duration() / 1000);
        return line.append('>').toString();
    }

    private void arguments(MixSyscall call, SyscallArgs a) {
        switch (call) {
            case READ, WRITE -> {
                line.append(a.a0()).append(", ");
                buffer(call == MixSyscall.READ ? Capture.Phase.EXIT : Capture.Phase.ENTRY, a.a1());
                line.append(", ").append(a.a2());
            }
            case PREAD64 -> {
                line.append(a.a0()).append(", ");
                buffer(Capture.Phase.EXIT, a.a1());
                line.append(", ").append(a.a2()).append(", ").append(a.a3());
            }
            case NEWFSTATAT -> {
                dirfd(a.a0());
                buffer(Capture.Phase.ENTRY, a.a1());
                line.append(", ");
                stat(a.a2());
                line.append(", ");
                flags(a.a3(), AT_FLAGS);
            }
            case OPENAT -> {
                dirfd(a.a0());
                buffer(Capture.Phase.ENTRY, a.a1());
                line.append(", O_RDONLY");
                if (a.a2() != O_RDONLY) {
                    line.append('|');
                    flags(a.a2(), OPEN_FLAGS);
                }
            }
            case CLOSE -> line.append(a.a0());
            case GETDENTS64 -> {
                // strace counts the entries in the whole buffer; a recorder keeps its first bytes
                // only, so the count is estimated from the length (32 bytes an entry, as in /usr/share/doc).
                line.append(a.a0()).append(", ");
                pointer(a.a1());
                line.append(" /* ").append(Math.max(0, event.result()) / 32).append(" entries */, ").append(a.a2());
            }
            case FCNTL -> line.append(a.a0()).append(a.a1() == F_SETFD ? ", F_SETFD, FD_CLOEXEC" : ", F_GETFL");
            case LSEEK -> line.append(a.a0()).append(", ").append(a.a1()).append(a.a2() == SEEK_SET ? ", SEEK_SET" : ", SEEK_CUR");
            case MMAP -> {
                pointer(a.a0());
                line.append(", ").append(a.a1()).append(", ");
                flags(a.a2(), PROT_FLAGS);
                line.append(", ");
                flags(a.a3(), MAP_FLAGS);
                line.append(", ").append((int) a.a4()).append(", ");
                hex(a.a5());
            }
            case READLINKAT -> {
                line.append(a.a0()).append(", ");
                buffer(Capture.Phase.ENTRY, a.a1());
                line.append(", ");
                buffer(Capture.Phase.EXIT, a.a2());
                line.append(", ").append(a.a3());
            }
            case RT_SIGACTION -> {
                line.append("SIG").append(signalName((int) a.a0())).append(", ");
                sigaction(Capture.Phase.ENTRY, a.a1());
                line.append(", ");
                sigaction(Capture.Phase.EXIT, a.a2());
                line.append(", ").append(a.a3());
            }
            case IOCTL -> {
                line.append(a.a0()).append(", TCGETS, ");
                pointer(a.a2());
            }
            case BRK -> pointer(a.a0());
            case GETCWD -> {
                // the kernel returns the path with its NUL, which strace does not print
                Capture cwd = capture(Capture.Phase.EXIT, a.a0());
                quote(cwd.bytes(), cwd.bytes().length() - 1);
                line.append(", ").append(a.a1());
            }
            case MPROTECT -> {
                pointer(a.a0());
                line.append(", ").append(a.a1()).append(", ");
                flags(a.a2(), PROT_FLAGS);
            }
            case FUTEX -> {
                pointer(a.a0());
                line.append(", FUTEX_WAKE_PRIVATE, ").append(a.a2());
            }
            case MUNMAP -> {
                pointer(a.a0());
                line.append(", ").append(a.a1());
            }
            case ACCESS -> {
                buffer(Capture.Phase.ENTRY, a.a0());
                line.append(", R_OK");
            }
            case READLINK -> {
                buffer(Capture.Phase.ENTRY, a.a0());
                line.append(", ");
                buffer(Capture.Phase.EXIT, a.a1());
                line.append(", ").append(a.a2());
            }
            case OTHER -> {
                // getpid takes no arguments
            }
        }
    }

    private void result(MixSyscall call, long result) {
        if (event.failed()) {
            line.append("-1 ").append(errno(event.errno()));
        } else if (call == MixSyscall.MMAP || call == MixSyscall.BRK) {
            hex(result);
        } else if (call == MixSyscall.FCNTL && event.args().a1() == F_GETFL) {
            hex(result);
            line.append(" (flags O_RDONLY|");
            flags(result, OPEN_FLAGS);
            line.append(')');
        } else {
            line.append(result);
        }
    }

    private static String errno(int errno) {
        return switch (errno) {
            case MixSyscall.Errno.ENOENT -> "ENOENT (No such file or directory)";
            case MixSyscall.Errno.EBADF -> "EBADF (Bad file descriptor)";
            case MixSyscall.Errno.EINVAL -> "EINVAL (Invalid argument)";
            case MixSyscall.Errno.ENOTTY -> "ENOTTY (Inappropriate ioctl for device)";
            default -> "E" + errno;
        };
    }

    /** Captured bytes as a quoted string, {@code ""} for nothing read, else the bare pointer. */
    private void buffer(Capture.Phase phase, long address) {
        Capture capture = capture(phase, address);
        if (capture == null) {
            if (phase == Capture.Phase.EXIT && event.result() == 0) {
                line.append("\"\"");
            } else {
                pointer(address);
            }
            return;
        }
        quote(capture.bytes(), capture.bytes().length());
        if (capture.truncated()) {
            line.append("...");
        }
    }

    /** strace's escaping: C escapes for \t \n \v \f \r, octal for the other unprintable bytes. */
    private void quote(ByteString bytes, int length) {
        line.append('"');
        for (int i = 0; i < length; i++) {
            int c = bytes.byteAt(i) & 0xff;
            switch (c) {
                case '"', '\\' -> line.append('\\').append((char) c);
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case 0x0b -> line.append("\\v");
                case '\f' -> line.append("\\f");
                case '\r' -> line.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        line.append((char) c);
                    } else {
                        boolean digitFollows = i + 1 < length && bytes.byteAt(i + 1) >= '0' && bytes.byteAt(i + 1) <= '7';
                        String octal = Integer.toOctalString(c);
                        line.append('\\').append(digitFollows ? "000".substring(octal.length()) + octal : octal);
                    }
                }
            }
        }
        line.append('"');
    }

    private void stat(long address) {
        Capture capture = capture(Capture.Phase.EXIT, address);
        if (capture == null) {
            pointer(address);
            return;
        }
        ByteBuffer stat = ByteBuffer.wrap(capture.bytes().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int mode = stat.getInt(24);
        String type = switch (mode & SyntheticData.S_IFMT) {
            case SyntheticData.S_IFDIR -> "S_IFDIR";
            case SyntheticData.S_IFLNK -> "S_IFLNK";
            default -> "S_IFREG";
        };
        line.append("{st_mode=").append(type).append('|').append(String.format("%04o", mode & 07777))
                .append(", st_size=").append(stat.getLong(48)).append(", ...}");
    }

    private void sigaction(Capture.Phase phase, long address) {
        Capture capture = capture(phase, address);
        if (capture == null) {
            pointer(address);
            return;
        }
        ByteBuffer act = ByteBuffer.wrap(capture.bytes().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        long handler = act.getLong(0);
        long flags = act.getLong(8);
        line.append("{sa_handler=");
        if (handler == 0) {
            line.append("SIG_DFL");
        } else {
            hex(handler);
        }
        line.append(", sa_mask=");
        signalSet(act.getLong(24));
        line.append(", sa_flags=");
        flags(flags, SA_FLAGS);
        if ((flags & SA_RESTORER) != 0) {
            line.append(", sa_restorer=");
            hex(act.getLong(16));
        }
        line.append('}');
    }

    /** [CHLD], or ~[RTMIN RT_1] (the signals left out) when most are in the set. */
    private void signalSet(long mask) {
        boolean inverted = Long.bitCount(mask) > 32;
        long shown = inverted ? ~mask : mask;
        line.append(inverted ? "~[" : "[");
        String separator = "";
        for (int bit = 0; bit < 64; bit++) {
            if ((shown & (1L << bit)) != 0) {
                line.append(separator).append(signalName(bit + 1));
                separator = " ";
            }
        }
        line.append(']');
    }

    private static String signalName(int signal) {
        return signal < SIGNALS.length ? SIGNALS[signal] : signal == 32 ? "RTMIN" : "RT_" + (signal - 32);
    }

    /** Names of the set bits, in ascending order, as strace prints them; 0 when none. */
    private void flags(long value, Flag[] table) {
        if (value == 0) {
            line.append('0');
            return;
        }
        long left = value;
        String separator = "";
        for (Flag flag : table) {
            if ((left & flag.bit()) != 0) {
                line.append(separator).append(flag.name());
                separator = "|";
                left &= ~flag.bit();
            }
        }
        if (left != 0) {
            line.append(separator).append("0x").append(Long.toHexString(left));
        }
    }

    private void dirfd(long fd) {
        if ((int) fd == AT_FDCWD) {
            line.append("AT_FDCWD, ");
        } else {
            line.append(fd).append(", ");
        }
    }

    private void pointer(long address) {
        if (address == 0) {
            line.append("NULL");
        } else {
            hex(address);
        }
    }

    private void hex(long value) {
        if (value == 0) {
            line.append('0');
        } else {
            line.append("0x").append(Long.toHexString(value));
        }
    }

    private Capture capture(Capture.Phase phase, long address) {
        for (Capture capture : event.captures()) {
            if (capture.phase() == phase && capture.address() == address) {
                return capture;
            }
        }
        return null;
    }

    /** -tt: the wall-clock time of day with microseconds (UTC here; the length is the same). */
    private void clock(long wallNanos) {
        long micros = Math.floorMod(wallNanos / 1000, 86_400_000_000L);
        long seconds = micros / 1_000_000;
        twoDigits(seconds / 3600);
        line.append(':');
        twoDigits(seconds / 60 % 60);
        line.append(':');
        twoDigits(seconds % 60);
        line.append('.');
        sixDigits(micros % 1_000_000);
    }

    /** -T: seconds with six decimals. */
    private void seconds(long micros) {
        line.append(micros / 1_000_000).append('.');
        sixDigits(micros % 1_000_000);
    }

    private void twoDigits(long value) {
        line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private void sixDigits(long value) {
        String digits = Long.toString(value);
        line.append("000000", 0, 6 - digits.length()).append(digits);
    }
}
