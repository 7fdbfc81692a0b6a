package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Signal calls: rt_sigaction, rt_sigprocmask, kill, tgkill, sigaltstack, signalfd, ... */
final class SignalDecoders implements DecoderFamily {
    private static final int SIGSET_BYTES = 8;
    private static final int SIGACTION_SIZE = 32;
    private static final long SA_RESTORER = 0x04000000;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("rt_sigaction", (c, o) -> {
            o.signal(c.arg(0)).comma();
            sigaction(o, c, c.arg(1), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            sigaction(o, c, c.arg(2), Capture.Phase.EXIT);
            o.comma().unsigned(c.arg(3));
        });
        d.put("rt_sigprocmask", (c, o) -> {
            o.xval("sigprocmask_how", c.arg(0), "SIG_???").comma();
            sigset(o, c.arg(1), c.arg(3), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            sigset(o, c.arg(2), c.arg(3), Capture.Phase.EXIT);
            o.comma().unsigned(c.arg(3));
        });
        d.put("rt_sigreturn", SignalDecoders::sigreturn);
        d.put("rt_sigsuspend", (c, o) -> {
            sigset(o, c.arg(0), c.arg(1), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(1));
        });
        d.put("rt_sigpending", (c, o) -> {
            o.entryEnds();
            sigsetAtLeast(o, c.arg(0), c.arg(1), Capture.Phase.EXIT, 1);
            o.comma().unsigned(c.arg(1));
        });
        d.put("rt_sigtimedwait", SignalDecoders::sigtimedwait);
        d.put("rt_sigqueueinfo", (c, o) -> sigqueueinfo(o.decimalInt(c.arg(0)).comma(), c, 1));
        d.put("rt_tgsigqueueinfo", (c, o) -> sigqueueinfo(o.decimalInt(c.arg(0)).comma().decimalInt(c.arg(1)).comma(),
                c, 2));
        d.put("sigaltstack", (c, o) -> {
            stack(o, c, c.arg(0), Capture.Phase.ENTRY);
            o.comma().entryEnds();
            stack(o, c, c.arg(1), Capture.Phase.EXIT);
        });
        d.put("kill", (c, o) -> o.decimalInt(c.arg(0)).comma().signal(c.arg(1)));
        d.put("tkill", (c, o) -> o.decimalInt(c.arg(0)).comma().signal(c.arg(1)));
        d.put("tgkill", (c, o) -> o.decimalInt(c.arg(0)).comma().decimalInt(c.arg(1)).comma().signal(c.arg(2)));
        d.put("pause", (c, o) -> {
        });
        d.put("signalfd", (c, o) -> {
            o.fd(c.arg(0)).comma();
            sigset(o, c.arg(1), c.arg(2), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(2)).result(ResultFormat.FD);
        });
        d.put("signalfd4", (c, o) -> {
            o.fd(c.arg(0)).comma();
            sigset(o, c.arg(1), c.arg(2), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(2)).comma().flags("signalfd", c.arg(3), "SFD_???").result(ResultFormat.FD);
        });
        d.put("pidfd_send_signal", (c, o) -> {
            o.fd(c.arg(0)).comma().signal(c.arg(1)).comma();
            siginfo(o, c, c.arg(2), Capture.Phase.ENTRY);
            o.comma().hex(c.arg(3));
        });
    }

    /** A kernel sigset of {@code size} bytes (8 on x86_64); other sizes show as the address. */
    static void sigset(ArgPrinter o, long address, long size, Capture.Phase phase) {
        sigsetAtLeast(o, address, size, phase, SIGSET_BYTES);
    }

    private static void sigsetAtLeast(ArgPrinter o, long address, long size, Capture.Phase phase, int minimum) {
        if (address == 0) {
            o.text("NULL");
            return;
        }
        if (size < minimum || size > SIGSET_BYTES || phase == Capture.Phase.EXIT && !o.call().succeeded()) {
            o.pointer(address);
            return;
        }
        Bytes mask = o.struct(address, phase, (int) size);
        if (mask != null) {
            long bits = 0;
            for (int i = 0; i < size; i++) {
                bits |= (long) mask.u8(i) << (8 * i);
            }
            Signals.appendSet(o.builder(), bits, (int) size);
        }
    }

    /** pselect6's last argument: {sigset pointer, size}, whose set the recorder does not follow. */
    static void sigsetArgpack(ArgPrinter o, long address) {
        Bytes pack = o.struct(address, Capture.Phase.ENTRY, 16);
        if (pack != null) {
            o.text("{sigmask=").pointer(pack.s64(0)).text(", sigsetsize=").unsigned(pack.s64(8)).text("}");
        }
    }

    private static void sigaction(ArgPrinter o, Call c, long address, Capture.Phase phase) {
        if (phase == Capture.Phase.EXIT && !c.succeeded()) {
            o.pointer(address);
            return;
        }
        Bytes sa = o.struct(address, phase, SIGACTION_SIZE);
        if (sa == null) {
            return;
        }
        long handler = sa.s64(0);
        long flags = sa.s64(8);
        o.text("{sa_handler=").text(handler == 0 ? "SIG_DFL" : handler == 1 ? "SIG_IGN" : handler == -1 ? "SIG_ERR"
                : Numbers.pointer(handler)).text(", sa_mask=");
        Signals.appendSet(o.builder(), sa.s64(24), SIGSET_BYTES);
        o.text(", sa_flags=").flags("sigaction_flags", flags, "SA_???");
        if ((flags & SA_RESTORER) != 0) {
            o.text(", sa_restorer=").pointer(sa.s64(16));
        }
        o.text("}");
    }

    /**
     * strace reads the mask to be restored from the signal frame on the stack; the recorder does
     * not capture that frame, so the mask shows as unknown.
     */
    private static void sigreturn(Call c, ArgPrinter o) {
        o.text("{mask=?}");
    }

    private static void sigtimedwait(Call c, ArgPrinter o) {
        sigset(o, c.arg(0), c.arg(3), Capture.Phase.ENTRY);
        o.comma();
        if (c.arg(1) == 0) {
            o.text("NULL").comma();
            TimePrinter.timespec(o, c.arg(2), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(3));
        } else {
            o.entryEnds();
            siginfo(o, c, c.arg(1), Capture.Phase.EXIT);
            o.comma();
            TimePrinter.timespec(o, c.arg(2), Capture.Phase.ENTRY);
            o.comma().unsigned(c.arg(3));
        }
        if (c.succeeded() && c.result() != 0) {
            o.resultNote(Signals.name((int) c.result()));
        }
    }

    private static void sigqueueinfo(ArgPrinter o, Call c, int at) {
        o.signal(c.arg(at)).comma();
        siginfo(o, c, c.arg(at + 1), Capture.Phase.ENTRY);
    }

    static void siginfo(ArgPrinter o, Call c, long address, Capture.Phase phase) {
        if (phase == Capture.Phase.EXIT && !c.succeeded()) {
            o.pointer(address);
            return;
        }
        Bytes info = o.struct(address, phase, 128);
        if (info != null) {
            SiginfoText.append(o.builder(), info);
        }
    }

    private static void stack(ArgPrinter o, Call c, long address, Capture.Phase phase) {
        if (phase == Capture.Phase.EXIT && !c.succeeded()) {
            o.pointer(address);
            return;
        }
        Bytes ss = o.struct(address, phase, 24);
        if (ss != null) {
            o.text("{ss_sp=").pointer(ss.s64(0)).text(", ss_flags=").flags("sigaltstack", ss.s32(8), "SS_???")
                    .text(", ss_size=").unsigned(ss.s64(16)).text("}");
        }
    }
}
