package dev.tracekit.stracetext;

import dev.tracekit.db.FdTracker;

/**
 * The fds table from strace text: {@link FdTracker}, as for logs, fed with the calls that
 * returned and with the forks, execs and exits strace printed. strace shows no snapshot at
 * attach, so descriptors open before it appear only once a call copies them.
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
        tracker.syscall(pid, call.of(name, args, ret, result), time);
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

    void processExited(int pid, long time) {
        tracker.processExited(pid, time);
        writeFinished();
    }

    /** The end of the trace: what is still open. */
    void finish() {
        tracker.stillOpen().forEach(rows::fd);
    }

    private void writeFinished() {
        tracker.drainFinished().forEach(rows::fd);
    }
}
