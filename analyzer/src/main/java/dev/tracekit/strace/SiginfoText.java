package dev.tracekit.strace;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.SignalDelivery;

/**
 * A siginfo_t as strace prints it, in a signal line and in waitid: {si_signo=SIGCHLD,
 * si_code=CLD_EXITED, si_pid=42, ...}, with the fields the signal and its si_code give meaning
 * to. Offsets are those of x86_64's siginfo_t.
 */
public final class SiginfoText {
    private static final int SIGINFO_SIZE = 48;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;
    private static final int SIGCHLD = 17;
    private static final int SIGIO = 29;
    private static final int SIGSYS = 31;
    private static final int SI_USER = 0;
    private static final int SI_TIMER = -2;
    private static final int SI_SIGIO = -5;
    private static final int SI_TKILL = -6;
    private static final int CLD_EXITED = 1;
    private static final int CLOCK_TICKS = 100;

    private SiginfoText() {
    }

    /** The siginfo of a delivery as captured, or one made of the fields the event keeps when it could not be read. */
    public static String of(SignalDelivery signal) {
        StringBuilder text = new StringBuilder();
        ByteString raw = signal.siginfo();
        if (raw.length() >= SIGINFO_SIZE) {
            append(text, new Bytes(raw));
        } else {
            byte[] made = new byte[SIGINFO_SIZE];
            putInt(made, 0, signal.signal());
            putInt(made, 8, signal.code());
            putInt(made, 16, signal.senderPid());
            putInt(made, 20, signal.senderUid());
            append(text, new Bytes(ByteString.copyOf(made)));
        }
        return text.toString();
    }

    private static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >> 8 * i);
        }
    }

    static void append(StringBuilder out, Bytes si) {
        int signo = si.s32(0);
        out.append('{');
        if (signo != 0) {
            int errno = si.s32(4);
            int code = si.s32(8);
            out.append("si_signo=").append(Signals.name(signo)).append(", si_code=");
            code(out, code, signo);
            if (errno != 0) {
                out.append(", si_errno=").append(Errno.name(errno));
            }
            fields(out, si, signo, code);
        }
        out.append('}');
    }

    private static void code(StringBuilder out, int code, int signo) {
        String name = XlatTables.get("si_code").lookup(code);
        if (name == null) {
            String table = switch (signo) {
                case SIGTRAP -> "si_code_sigtrap";
                case SIGCHLD -> "si_code_sigchld";
                case SIGIO -> "si_code_sigpoll";
                case SIGILL -> "si_code_sigill";
                case SIGFPE -> "si_code_sigfpe";
                case SIGSEGV -> "si_code_sigsegv";
                case SIGBUS -> "si_code_sigbus";
                case SIGSYS -> "si_code_sigsys";
                default -> null;
            };
            name = table == null ? null : XlatTables.get(table).lookup(code);
        }
        out.append(name != null ? name : Numbers.hex(code & 0xffffffffL));
    }

    private static void fields(StringBuilder out, Bytes si, int signo, int code) {
        if (code <= 0) {
            switch (code) {
                case SI_USER, SI_TKILL -> source(out, si);
                case SI_TIMER -> {
                    out.append(", si_timerid=").append(Numbers.hex(si.u32(16))).append(", si_overrun=")
                            .append(si.s32(20));
                    value(out, si);
                }
                case SI_SIGIO -> out.append(", si_band=").append(si.s64(16)).append(", si_fd=").append(si.s32(24));
                default -> {
                    source(out, si);
                    if (si.s64(24) != 0) {
                        value(out, si);
                    }
                }
            }
            return;
        }
        switch (signo) {
            case SIGCHLD -> {
                source(out, si);
                out.append(", si_status=");
                if (code == CLD_EXITED) {
                    out.append(si.s32(24));
                } else {
                    out.append(Signals.name(si.s32(24)));
                }
                out.append(", si_utime=");
                clockTicks(out, si.s64(32));
                out.append(", si_stime=");
                clockTicks(out, si.s64(40));
            }
            case SIGILL, SIGFPE, SIGBUS, SIGSEGV, SIGTRAP ->
                    out.append(", si_addr=").append(Numbers.pointer(si.s64(16)));
            case SIGIO -> {
                if (code >= 1 && code <= 6) {
                    out.append(", si_band=").append(si.s64(16)).append(", si_fd=").append(si.s32(24));
                }
            }
            case SIGSYS -> out.append(", si_call_addr=").append(Numbers.pointer(si.s64(16))).append(", si_syscall=")
                    .append(si.s32(24)).append(", si_arch=").append(Numbers.hex(si.u32(28)));
            default -> {
                if (si.s32(16) != 0 || si.s32(20) != 0) {
                    source(out, si);
                }
                if (si.s64(24) != 0) {
                    value(out, si);
                }
            }
        }
    }

    private static void source(StringBuilder out, Bytes si) {
        int uid = si.s32(20);
        out.append(", si_pid=").append(si.s32(16)).append(", si_uid=")
                .append(uid == -1 ? "-1" : Integer.toUnsignedString(uid));
    }

    private static void value(StringBuilder out, Bytes si) {
        out.append(", si_int=").append(si.s32(24)).append(", si_ptr=").append(Numbers.pointer(si.s64(24)));
    }

    /** print_clock_t: ticks, and for a non-zero count the seconds they make at 100 Hz. */
    private static void clockTicks(StringBuilder out, long ticks) {
        out.append(Long.toUnsignedString(ticks));
        if (ticks > 0) {
            out.append(" /* ").append(ticks / CLOCK_TICKS).append('.')
                    .append(String.format("%02d", ticks % CLOCK_TICKS)).append(" s */");
        }
    }
}
