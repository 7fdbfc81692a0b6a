package dev.tracekit.stracetext;

import java.util.Map;

/** The lines strace writes between calls: signals ({@code ---}), exits ({@code +++}) and its notes ({@code strace:}). */
final class Events {
    /** si_code names as strace prints them, with their values (include/uapi/asm-generic/siginfo.h). */
    private static final Map<String, Integer> SI_CODES = Map.ofEntries(
            Map.entry("SI_USER", 0), Map.entry("SI_KERNEL", 0x80), Map.entry("SI_QUEUE", -1), Map.entry("SI_TIMER", -2),
            Map.entry("SI_MESGQ", -3), Map.entry("SI_ASYNCIO", -4), Map.entry("SI_SIGIO", -5), Map.entry("SI_TKILL", -6),
            Map.entry("SI_DETHREAD", -7), Map.entry("SI_ASYNCNL", -60),
            Map.entry("CLD_EXITED", 1), Map.entry("CLD_KILLED", 2), Map.entry("CLD_DUMPED", 3), Map.entry("CLD_TRAPPED", 4),
            Map.entry("CLD_STOPPED", 5), Map.entry("CLD_CONTINUED", 6),
            Map.entry("SEGV_MAPERR", 1), Map.entry("SEGV_ACCERR", 2), Map.entry("BUS_ADRALN", 1), Map.entry("BUS_ADRERR", 2),
            Map.entry("ILL_ILLOPC", 1), Map.entry("FPE_INTDIV", 1), Map.entry("TRAP_BRKPT", 1), Map.entry("TRAP_TRACE", 2),
            Map.entry("POLL_IN", 1), Map.entry("POLL_OUT", 2), Map.entry("SYS_SECCOMP", 1));

    private Events() {
    }

    /** {@code SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, si_uid=0, ...} ---}; group stops are notes. */
    static boolean signal(String text, int at, Line line) {
        if (!text.endsWith(" ---")) {
            return line.fail("signal line without its closing '---'");
        }
        if (text.startsWith("stopped by ", at)) {
            line.kind = Line.Kind.OTHER;
            return true;
        }
        int end = CallParser.nameEnd(text, at);
        if (end == at || !text.startsWith("SIG", at)) {
            return line.fail("no signal name after '---'");
        }
        line.kind = Line.Kind.SIGNAL;
        line.signal = text.substring(at, end);
        line.siginfo = text.substring(Math.min(end + 1, text.length() - 4), text.length() - 4);
        String code = field(text, end, "si_code=");
        line.signalCode = code == null ? null : code(code);
        String pid = field(text, end, "si_pid=");
        line.senderPid = pid == null ? null : (int) number(pid);
        String uid = field(text, end, "si_uid=");
        line.senderUid = uid == null ? null : number(uid);
        return true;
    }

    /** {@code exited with 0 +++}, {@code killed by SIGSEGV (core dumped) +++}, {@code superseded by execve in pid 42 +++}. */
    static boolean exit(String text, int at, Line line) {
        if (!text.endsWith(" +++")) {
            return line.fail("exit line without its closing '+++'");
        }
        String what = text.substring(at, text.length() - 4);
        line.exitCode = null;
        line.killedBy = null;
        line.coreDumped = false;
        if (what.startsWith("exited with ")) {
            long code = number(what.substring(12));
            if (code == Long.MIN_VALUE) {
                return line.fail("exit code not understood");
            }
            line.kind = Line.Kind.EXIT;
            line.exitCode = (int) code;
            return true;
        }
        if (what.startsWith("killed by ")) {
            line.kind = Line.Kind.EXIT;
            line.coreDumped = what.endsWith(" (core dumped)");
            int end = CallParser.nameEnd(what, 10);
            line.killedBy = what.substring(10, end);
            return !line.killedBy.isEmpty() || line.fail("no signal after 'killed by'");
        }
        if (what.startsWith("superseded by execve in pid ")) {
            long former = number(what.substring(28));
            if (former == Long.MIN_VALUE) {
                return line.fail("pid not understood");
            }
            line.kind = Line.Kind.SUPERSEDED;
            line.otherTid = (int) former;
            return true;
        }
        return line.fail("unknown '+++' line");
    }

    /** {@code Process 42 attached}; strace's other notes (detached, warnings) are read and left out. */
    static boolean note(String text, int at, Line line) {
        line.kind = Line.Kind.OTHER;
        if (text.startsWith("Process ", at) && text.endsWith(" attached")) {
            long tid = number(text.substring(at + 8, text.length() - 9));
            if (tid != Long.MIN_VALUE) {
                line.kind = Line.Kind.ATTACHED;
                line.otherTid = (int) tid;
            }
        }
        return true;
    }

    /** The value of {@code name} in a siginfo, up to the next comma or brace. */
    private static String field(String text, int from, String name) {
        int at = text.indexOf(name, from);
        if (at < 0) {
            return null;
        }
        int start = at + name.length();
        int end = start;
        while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
            end++;
        }
        return text.substring(start, end);
    }

    private static Integer code(String text) {
        Integer known = SI_CODES.get(text);
        if (known != null) {
            return known;
        }
        long value = number(text);
        return value == Long.MIN_VALUE ? null : (int) value;
    }

    /** The leading decimal number of {@code text} (pids carry -Y's {@code <comm>} after it), or Long.MIN_VALUE. */
    static long number(String text) {
        int end = text.startsWith("-") ? 1 : 0;
        int start = end;
        while (end < text.length() && Clock.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == start || end - start > 10) {
            return Long.MIN_VALUE;
        }
        return Long.parseLong(text, 0, end, 10);
    }
}
