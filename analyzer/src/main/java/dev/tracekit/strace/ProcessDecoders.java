package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Processes: clone, execve, exit, wait4, waitid, prctl, arch_prctl, namespaces. */
final class ProcessDecoders implements DecoderFamily {
    private static final long CSIGNAL = 0xff;
    private static final long CLONE_PIDFD = 0x1000;
    private static final long CLONE_SETTLS = 0x80000;
    private static final long CLONE_PARENT_SETTID = 0x100000;
    private static final long CLONE_CHILD_CLEARTID = 0x200000;
    private static final long CLONE_CHILD_SETTID = 0x1000000;
    private static final int CLONE_ARGS_MIN = 64;
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int PR_GET_KEEPCAPS = 7;
    private static final int PR_GET_TIMING = 13;
    private static final int PR_GET_SECCOMP = 21;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final int ARCH_GET_FS = 0x1003;
    private static final int ARCH_GET_GS = 0x1004;
    private static final int ARCH_GET_CPUID = 0x1011;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("clone", ProcessDecoders::clone);
        d.put("clone3", ProcessDecoders::clone3);
        d.put("execve", (c, o) -> execve(o, c, 0));
        d.put("execveat", (c, o) -> execve(o.dirfd(c.arg(0)).comma(), c, 1).comma().flags("at", c.arg(4), "AT_???"));
        d.put("exit", (c, o) -> o.decimalInt(c.arg(0)).result(ResultFormat.NONE));
        d.put("exit_group", (c, o) -> o.decimalInt(c.arg(0)).result(ResultFormat.NONE));
        d.put("wait4", ProcessDecoders::wait4);
        d.put("waitid", ProcessDecoders::waitid);
        d.put("set_tid_address", (c, o) -> o.hex(c.arg(0)));
        d.put("personality", (c, o) -> o.hex(c.arg(0) & 0xffffffffL).result(ResultFormat.HEX));
        d.put("prctl", ProcessDecoders::prctl);
        d.put("arch_prctl", ProcessDecoders::archPrctl);
        d.put("unshare", (c, o) -> o.flags("clone", c.arg(0), "CLONE_???"));
        d.put("setns", (c, o) -> o.fd(c.arg(0)).comma().flags("clone", c.arg(1), "CLONE_???"));
    }

    /**
     * clone's arguments by name, the ones its flags make meaningful. What the kernel wrote at
     * parent_tid is the child's tid, the call's result, so that one is shown without memory.
     */
    private static void clone(Call c, ArgPrinter o) {
        long flags = c.arg(0) & ~CSIGNAL;
        int signal = (int) (c.arg(0) & CSIGNAL);
        o.field("child_stack").pointer(c.arg(1)).comma().field("flags");
        if (flags != 0) {
            o.flags("clone", flags, "CLONE_???");
            if (signal != 0) {
                o.text("|").signal(signal);
            }
        } else {
            o.signal(signal);
        }
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS))
                == 0) {
            return;
        }
        o.entryEnds();
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
            o.comma().field("parent_tid");
            if ((flags & CLONE_PARENT_SETTID) != 0 && c.succeeded()) {
                o.text("[").decimal(c.result()).text("]");
            } else {
                o.pointer(c.arg(2));
            }
        }
        if ((flags & CLONE_SETTLS) != 0) {
            o.comma().field("tls").pointer(c.arg(4));
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            o.comma().field("child_tidptr").pointer(c.arg(3));
        }
    }

    private static void clone3(Call c, ArgPrinter o) {
        long size = c.arg(1);
        Bytes args = size < CLONE_ARGS_MIN ? null : o.struct(c.arg(0), Capture.Phase.ENTRY, CLONE_ARGS_MIN);
        if (size < CLONE_ARGS_MIN) {
            o.pointer(c.arg(0));
        }
        if (args == null) {
            o.comma().unsigned(size);
            return;
        }
        long flags = args.s64(0);
        o.text("{flags=").flags(flags, "CLONE_???", "clone", "clone3");
        if ((flags & CLONE_PIDFD) != 0) {
            o.text(", pidfd=").pointer(args.s64(8));
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            o.text(", child_tid=").pointer(args.s64(16));
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            o.text(", parent_tid=").pointer(args.s64(24));
        }
        long exitSignal = args.s64(32);
        o.text(", exit_signal=");
        if (Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0) {
            o.signal(exitSignal);
        } else {
            o.unsigned(exitSignal);
        }
        o.text(", stack=").pointer(args.s64(40)).text(", stack_size=").hex(args.s64(48));
        if ((flags & CLONE_SETTLS) != 0) {
            o.text(", tls=").pointer(args.s64(56));
        }
        o.text("}");
        if ((flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) != 0) {
            o.entryEnds();
            if (c.succeeded()) {
                o.text(" => {");
                if ((flags & CLONE_PIDFD) != 0) {
                    o.text("pidfd=").pointer(args.s64(8));
                }
                if ((flags & CLONE_PARENT_SETTID) != 0) {
                    o.text((flags & CLONE_PIDFD) != 0 ? ", " : "").text("parent_tid=[").decimal(c.result()).text("]");
                }
                o.text("}");
            }
        }
        o.comma().unsigned(size);
    }

    private static ArgPrinter execve(ArgPrinter o, Call c, int at) {
        o.path(c.arg(at)).comma();
        stringArray(o, c, c.arg(at + 1));
        o.comma().pointer(c.arg(at + 2));
        Capture environment = c.atEntry(c.arg(at + 2));
        if (environment != null) {
            int pointers = environment.bytes().length() / 8;
            boolean terminated = environment.fullLength() != Capture.UNKNOWN_LENGTH;
            int count = terminated ? pointers - 1 : pointers;
            o.comment(count + " var" + (count == 1 ? "" : "s"));
        }
        return o;
    }

    /** argv: the strings, at most -s of them. */
    private static void stringArray(ArgPrinter o, Call c, long address) {
        Capture array = c.atEntry(address);
        if (array == null) {
            o.pointer(address);
            return;
        }
        Bytes pointers = new Bytes(array.bytes());
        int count = pointers.length() / 8;
        o.text("[");
        for (int i = 0; i < count; i++) {
            long pointer = pointers.s64(i * 8);
            if (pointer == 0) {
                break;
            }
            if (i > 0) {
                o.comma();
            }
            if (i >= o.stringLimit()) {
                o.text("...");
                break;
            }
            o.string(pointer, Capture.Phase.ENTRY);
        }
        o.text("]");
    }

    private static void wait4(Call c, ArgPrinter o) {
        o.decimalInt(c.arg(0)).comma().entryEnds();
        waitStatus(o, c, c.arg(1));
        o.comma().flags("wait", c.arg(2), "W???").comma();
        if (c.succeeded() && c.result() > 0) {
            ResourceDecoders.rusage(o, c, c.arg(3));
        } else {
            o.pointer(c.arg(3));
        }
    }

    private static void waitStatus(ArgPrinter o, Call c, long address) {
        Bytes status = c.succeeded() && c.result() != 0 ? o.struct(address, Capture.Phase.EXIT, 4) : null;
        if (status == null) {
            if (!c.succeeded() || c.result() == 0) {
                o.pointer(address);
            }
            return;
        }
        o.text("[");
        WaitStatusText.append(o.builder(), status.s32(0));
        o.text("]");
    }

    private static void waitid(Call c, ArgPrinter o) {
        o.xval("waitid_which", c.arg(0) & 0xffffffffL, "P_???").comma().decimalInt(c.arg(1)).comma().entryEnds();
        Bytes info = c.succeeded() ? o.struct(c.arg(2), Capture.Phase.EXIT, 128) : null;
        if (info != null) {
            SiginfoText.append(o.builder(), info);
        } else if (!c.succeeded()) {
            o.pointer(c.arg(2));
        }
        o.comma().flags("wait", c.arg(3), "W???").comma();
        ResourceDecoders.rusage(o, c, c.arg(4));
    }

    /**
     * prctl by option; the string of PR_SET_NAME and the int PR_GET_* options fill in are not
     * recorded, so those show as addresses.
     */
    private static void prctl(Call c, ArgPrinter o) {
        int option = c.intArg(0);
        o.xval("prctl_option", option & 0xffffffffL, "PR_???");
        switch (option) {
            case PR_GET_KEEPCAPS, PR_GET_SECCOMP, PR_GET_TIMERSLACK, PR_GET_TIMING -> {
            }
            case PR_GET_DUMPABLE -> {
                o.entryEnds();
                if (c.succeeded()) {
                    o.resultNote(dumpable(c.result()));
                }
            }
            case PR_SET_DUMPABLE -> {
                String name = dumpable(c.arg(1));
                o.comma().text(name != null ? name : Numbers.hex(c.arg(1)) + " /* SUID_DUMP_??? */");
            }
            case PR_SET_PDEATHSIG -> {
                o.comma();
                if (Long.compareUnsigned(c.arg(1), 128) > 0) {
                    o.unsigned(c.arg(1));
                } else {
                    o.signal(c.arg(1));
                }
            }
            default -> {
                for (int i = 1; i < 5; i++) {
                    o.comma().hex(c.arg(i));
                }
            }
        }
    }

    private static String dumpable(long value) {
        return value == 0 ? "SUID_DUMP_DISABLE" : value == 1 ? "SUID_DUMP_USER" : value == 2 ? "SUID_DUMP_ROOT" : null;
    }

    private static void archPrctl(Call c, ArgPrinter o) {
        int option = c.intArg(0);
        o.xval("arch_prctl_code", option & 0xffffffffL, "ARCH_???");
        if (option == ARCH_GET_CPUID) {
            return;
        }
        o.comma();
        if (option == ARCH_GET_FS || option == ARCH_GET_GS) {
            o.entryEnds();
            Bytes value = c.succeeded() ? o.struct(c.arg(1), Capture.Phase.EXIT, 8) : null;
            if (value != null) {
                o.text("[").pointer(value.s64(0)).text("]");
            } else if (!c.succeeded()) {
                o.pointer(c.arg(1));
            }
            return;
        }
        o.hex(c.arg(1));
    }
}
