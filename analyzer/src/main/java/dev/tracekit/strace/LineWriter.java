package dev.tracekit.strace;

import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes lines as {@code strace -f -o FILE} does, in the order it is handed events: each line
 * starts with the tid ({@code %-5d }) and the timestamp; a call's line is opened at its entry and
 * closed at its exit, unless another line comes between, which ends the open one with
 * {@code <unfinished ...>} and makes the exit a {@code <... NAME resumed>} line of its own. The
 * result starts at column 40 of the line, prefix included.
 */
final class LineWriter {
    private static final int RESULT_COLUMN = 40;

    private final Writer out;
    private final StraceOptions options;
    private final TraceHeader header;
    private final LineLeader leader;
    private final StringBuilder line = new StringBuilder(256);
    /** The call whose line is open, or null. */
    private RenderedCall open;
    private int openTid;

    LineWriter(Writer out, StraceOptions options, TraceHeader header) {
        this.out = out;
        this.options = options;
        this.header = header;
        this.leader = new LineLeader(options);
    }

    /** A call entered: its name and what strace prints at entry; the line stays open. */
    void entry(RenderedCall call, int tid, long time) throws IOException {
        leader.entered(tid, call.number());
        startLine(tid, time);
        line.append(call.name()).append('(').append(call.entryText());
        open = call;
        openTid = tid;
    }

    /** The call returned after {@code duration} nanoseconds. */
    void exit(RenderedCall call, long time, long duration) throws IOException {
        resume(call, time);
        line.append(call.exitText()).append(") ");
        padToResultColumn();
        line.append("= ").append(call.result());
        if (options.durations()) {
            LineClock.duration(line, duration);
        }
        flushLine();
    }

    /** The thread ended inside the call (exit_group, a kill): {@code = ?}. */
    void neverReturned(RenderedCall call, long time) throws IOException {
        resume(call, time);
        if (call.decodesAtExit()) {
            line.append(" <unfinished ...>");
        }
        line.append(") ");
        padToResultColumn();
        line.append("= ?");
        flushLine();
    }

    /** A line of its own: {@code --- SIGCHLD {...} ---}, {@code +++ exited with 0 +++}. */
    void event(int tid, long time, String text) throws IOException {
        startLine(tid, time);
        line.append(text);
        flushLine();
    }

    /**
     * A non-leader thread's execve made it the leader: strace ends its open line with a note of
     * the new tid rather than {@code <unfinished ...>}, then says so under the leader's tid.
     */
    void superseded(int pid, int formerTid, long time) throws IOException {
        if (open != null && openTid == formerTid) {
            line.append(" <pid changed to ").append(pid).append(" ...>");
            flushLine();
        }
        event(pid, time, "+++ superseded by execve in pid " + formerTid + " +++");
    }

    /** The log ended: a call still open was interrupted by the recorder detaching. */
    void finish() throws IOException {
        if (open != null) {
            line.append(" <detached ...>");
            flushLine();
        }
        out.flush();
    }

    /** Continues the call's open line, or starts a {@code <... NAME resumed>} one. */
    private void resume(RenderedCall call, long time) throws IOException {
        if (open == call) {
            return;
        }
        startLine(call.tid(), time);
        line.append("<... ").append(call.name()).append(" resumed>");
    }

    /** strace's printleader: ends an open line, then starts this one. */
    private void startLine(int tid, long time) throws IOException {
        if (open != null) {
            line.append(" <unfinished ...>");
            flushLine();
        }
        leader.append(line, tid, header.toWallNanos(time), time);
    }

    private void padToResultColumn() {
        while (line.length() < RESULT_COLUMN) {
            line.append(' ');
        }
    }

    private void flushLine() throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
        open = null;
    }
}
