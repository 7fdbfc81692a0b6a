package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** Calls of no family of their own: futex, getrandom, rseq, restart_syscall, getcpu, ... */
final class MiscDecoders implements DecoderFamily {
    private static final int FUTEX_CMD_MASK = 127;
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int FUTEX_FD = 2;
    private static final int FUTEX_REQUEUE = 3;
    private static final int FUTEX_CMP_REQUEUE = 4;
    private static final int FUTEX_WAKE_OP = 5;
    private static final int FUTEX_LOCK_PI = 6;
    private static final int FUTEX_UNLOCK_PI = 7;
    private static final int FUTEX_TRYLOCK_PI = 8;
    private static final int FUTEX_WAIT_BITSET = 9;
    private static final int FUTEX_WAKE_BITSET = 10;
    private static final int FUTEX_WAIT_REQUEUE_PI = 11;
    private static final int FUTEX_CMP_REQUEUE_PI = 12;
    private static final int FUTEX_LOCK_PI2 = 13;
    private static final long FUTEX_BITSET_MATCH_ANY = 0xffffffffL;
    private static final String[] WAKE_OPS = {"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN",
        "FUTEX_OP_XOR"};
    private static final String[] WAKE_CMPS = {"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
        "FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"};

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("futex", MiscDecoders::futex);
        d.put("getrandom", (c, o) -> {
            o.entryEnds();
            Capture bytes = c.succeeded() ? c.atExit(c.arg(0)) : null;
            if (bytes == null) {
                o.pointer(c.arg(0));
            } else {
                byte[] random = bytes.bytes().toByteArray();
                int shown = (int) Math.min(Math.min(random.length, o.stringLimit()), c.result());
                QuotedString.appendHex(o.builder(), random, shown);
                if (c.result() > shown) {
                    o.text("...");
                }
            }
            o.comma().unsigned(c.arg(1)).comma().flags("getrandom", c.arg(2), "GRND_???");
        });
        d.put("rseq", MiscDecoders::printargs);
        d.put("restart_syscall", (c, o) -> {
            String previous = o.context().previousSyscall(c.tid());
            o.text("<... resuming interrupted ").text(previous != null ? previous : "system call").text(" ...>");
        });
        d.put("getcpu", (c, o) -> {
            o.entryEnds();
            for (int i = 0; i < 2; i++) {
                Bytes value = c.succeeded() && c.arg(i) != 0 ? o.struct(c.arg(i), Capture.Phase.EXIT, 4) : null;
                if (value != null) {
                    o.text("[").unsigned(value.u32(0)).text("]");
                } else if (c.arg(i) == 0 || !c.succeeded()) {
                    o.pointer(c.arg(i));
                }
                o.comma();
            }
            o.pointer(c.arg(2));
        });
        d.put("membarrier", (c, o) -> o.xval("membarrier_cmd", c.arg(0) & 0xffffffffL, "MEMBARRIER_CMD_???").comma()
                .flags("membarrier", c.arg(1), "MEMBARRIER_CMD_FLAG_???").comma().decimalInt(c.arg(2)));
        d.put("pidfd_open", (c, o) -> o.decimalInt(c.arg(0)).comma().flags("pidfd_open", c.arg(1), "PIDFD_???")
                .result(ResultFormat.FD));
        d.put("pidfd_getfd", (c, o) -> o.fd(c.arg(0)).comma().decimalInt(c.arg(1)).comma().hex(c.arg(2))
                .result(ResultFormat.FD));
    }

    /** strace's printargs: every argument in hex, for calls it has no decoder for. */
    static void printargs(Call c, ArgPrinter o) {
        int count = c.info() != null ? c.info().args().size() : 6;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                o.comma();
            }
            o.hex(c.arg(i));
        }
    }

    private static void futex(Call c, ArgPrinter o) {
        int op = c.intArg(1);
        long val = c.arg(2) & 0xffffffffL;
        long val2 = c.arg(3) & 0xffffffffL;
        long val3 = c.arg(5) & 0xffffffffL;
        o.pointer(c.arg(0)).comma().xval("futex_op", op & 0xffffffffL, "FUTEX_???");
        switch (op & FUTEX_CMD_MASK) {
            case FUTEX_WAIT -> timeout(o.comma().unsigned(val).comma(), c);
            case FUTEX_LOCK_PI, FUTEX_LOCK_PI2 -> timeout(o.comma(), c);
            case FUTEX_WAIT_BITSET -> {
                timeout(o.comma().unsigned(val).comma(), c);
                bitset(o.comma(), val3);
            }
            case FUTEX_WAKE_BITSET -> bitset(o.comma().unsigned(val).comma(), val3);
            case FUTEX_REQUEUE -> o.comma().unsigned(val).comma().unsigned(val2).comma().pointer(c.arg(4));
            case FUTEX_CMP_REQUEUE, FUTEX_CMP_REQUEUE_PI -> o.comma().unsigned(val).comma().unsigned(val2).comma()
                    .pointer(c.arg(4)).comma().unsigned(val3);
            case FUTEX_WAKE_OP -> {
                o.comma().unsigned(val).comma().unsigned(val2).comma().pointer(c.arg(4)).comma();
                wakeOp(o, val3);
            }
            case FUTEX_WAIT_REQUEUE_PI -> {
                timeout(o.comma().unsigned(val).comma(), c);
                o.comma().pointer(c.arg(4));
            }
            case FUTEX_FD, FUTEX_WAKE -> o.comma().unsigned(val);
            case FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI -> {
            }
            default -> o.comma().unsigned(val).comma().pointer(c.arg(3)).comma().pointer(c.arg(4)).comma().hex(val3);
        }
    }

    private static void timeout(ArgPrinter o, Call c) {
        TimePrinter.timespec(o, c.arg(3), Capture.Phase.ENTRY);
    }

    private static void bitset(ArgPrinter o, long value) {
        o.text(value == FUTEX_BITSET_MATCH_ANY ? "FUTEX_BITSET_MATCH_ANY" : Numbers.hex(value));
    }

    /** FUTEX_WAKE_OP's encoded operation: op<<28|oparg<<12|cmp<<24|cmparg. */
    private static void wakeOp(ArgPrinter o, long val3) {
        if ((val3 >> 28 & 8) != 0) {
            o.text("FUTEX_OP_OPARG_SHIFT<<28|");
        }
        int op = (int) (val3 >> 28 & 7);
        o.text(op < WAKE_OPS.length ? WAKE_OPS[op] + "<<28" : Numbers.hex(op) + "<<28 /* FUTEX_OP_??? */");
        o.text("|").hex(val3 >> 12 & 0xfff).text("<<12|");
        int cmp = (int) (val3 >> 24 & 0xf);
        o.text(cmp < WAKE_CMPS.length ? WAKE_CMPS[cmp] + "<<24" : Numbers.hex(cmp) + "<<24 /* FUTEX_OP_CMP_??? */");
        o.text("|").hex(val3 & 0xfff);
    }
}
