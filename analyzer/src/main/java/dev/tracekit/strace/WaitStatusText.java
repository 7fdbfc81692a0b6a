package dev.tracekit.strace;

/** A wait status as strace spells it: {WIFEXITED(s) && WEXITSTATUS(s) == 0}. */
final class WaitStatusText {
    private static final String[] PTRACE_EVENTS = {null, "PTRACE_EVENT_FORK", "PTRACE_EVENT_VFORK",
        "PTRACE_EVENT_CLONE", "PTRACE_EVENT_EXEC", "PTRACE_EVENT_VFORK_DONE", "PTRACE_EVENT_EXIT",
        "PTRACE_EVENT_SECCOMP"};

    private WaitStatusText() {
    }

    static void append(StringBuilder out, int status) {
        int low = status & 0x7f;
        int rest;
        if ((status & 0xff) == 0x7f) {
            int signal = status >> 8 & 0xff;
            out.append("{WIFSTOPPED(s) && WSTOPSIG(s) == ").append(Signals.name(signal & 0x7f))
                    .append((signal & 0x80) != 0 ? " | 0x80" : "").append('}');
            rest = status & ~(signal << 8 | 0x7f);
        } else if (low != 0 && low != 0x7f) {
            boolean core = (status & 0x80) != 0;
            out.append("{WIFSIGNALED(s) && WTERMSIG(s) == ").append(Signals.name(low))
                    .append(core ? " && WCOREDUMP(s)" : "").append('}');
            rest = status & ~(low | 0x80);
        } else if (low == 0) {
            out.append("{WIFEXITED(s) && WEXITSTATUS(s) == ").append(status >> 8 & 0xff).append('}');
            rest = status & ~0xff00;
        } else if (status == 0xffff) {
            out.append("{WIFCONTINUED(s)}");
            rest = 0;
        } else {
            out.append(Numbers.hex(status & 0xffffffffL));
            return;
        }
        if (rest != 0) {
            int event = rest >>> 16;
            if (event != 0) {
                out.append('|').append(event < PTRACE_EVENTS.length && PTRACE_EVENTS[event] != null
                        ? PTRACE_EVENTS[event] : Numbers.hex(event) + " /* PTRACE_EVENT_??? */").append("<<16");
                rest &= 0xffff;
            }
            if (rest != 0) {
                out.append('|').append(Numbers.hex(rest & 0xffffffffL));
            }
        }
    }
}
