package dev.tracekit.stracetext;

import dev.tracekit.db.FdTracker;

/**
 * The fds table from strace text: {@link FdTracker}, as for logs, fed with the calls that
 * returned and with the forks, execs and exits strace printed. strace shows no snapshot at
 * attach: a descriptor open before appears once a call uses it as -y prints it ({@code 3</etc/passwd>}).
 */
final class Descriptors {
    private final FdTracker tracker = new FdTracker();
    private final StraceFdCall call = new StraceFdCall();
    private final Rows rows;

    Descriptors(Rows rows) {
        this.rows = rows;
    }

    /** A call of process {@code pid} returned {@code ret}; {@code result} is the result as printed, or null. */
    void returned(int pid, long time, String name, String args, long ret, String result) {
        call.of(name, args, ret, result);
        if (args.indexOf('<') >= 0 && !decoratedUses(pid, args)) {
            return;
        }
        tracker.syscall(pid, call, time);
        if (Processes.creates(name) && ret > 0 && ret <= Integer.MAX_VALUE) {
            if (args.contains("CLONE_THREAD")) {
                tracker.merged((int) ret, pid);
            } else {
                tracker.forked(pid, (int) ret, time);
            }
        } else if ((name.equals("execve") || name.equals("execveat")) && ret == 0) {
            tracker.execed(pid, time);
        }
        writeFinished();
    }

    /** The unprefixed lines' process turned out to be {@code to}: what they opened stays open there. */
    void renamed(int from, int to) {
        tracker.merged(from, to);
    }

    void processExited(int pid, long time) {
        tracker.processExited(pid, time);
        writeFinished();
    }

    /** The end of the trace: what is still open. */
    void finish() {
        tracker.stillOpen().forEach(rows::fd);
    }

    /**
     * Takes the descriptors the call names as -y prints them for open since before strace, if
     * not known. Returns false for a close that came back late: strace saw another thread's open
     * reuse the number first (it names another file), and that open ended the interval already.
     */
    private boolean decoratedUses(int pid, String args) {
        // most -y lines name a descriptor: scanned in place, a path is cut out only when new
        int angle = args.indexOf('<');
        for (int start = 0; start < args.length(); ) {
            if (angle < start) {
                // no argument after the last '<' is one (a read's buffer, its size)
                angle = args.indexOf('<', start);
                if (angle < 0) {
                    break;
                }
            }
            int end = ArgsText.argumentEnd(args, start);
            while (start < end && args.charAt(start) == ' ') {
                start++;
            }
            int fd = 0;
            int at = start;
            for (; at < end && at - start < 9 && Clock.isDigit(args.charAt(at)); at++) {
                fd = fd * 10 + args.charAt(at) - '0';
            }
            if (at > start && at < end && args.charAt(at) == '<' && args.charAt(end - 1) == '>') {
                String known = tracker.path(pid, fd);
                if (known == null) {
                    tracker.inUse(pid, fd, StraceFdCall.decoration(args.substring(start, end)));
                } else if (call.name().equals("close") && known.startsWith("/") && args.charAt(at + 1) == '/'
                        && !StraceFdCall.decoration(args.substring(start, end)).equals(known)) {
                    return false;
                }
            }
            start = end + 1;
        }
        return true;
    }

    private void writeFinished() {
        tracker.drainFinished().forEach(rows::fd);
    }
}
