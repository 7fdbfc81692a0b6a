package dev.tracekit.strace;

import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Writes lines as {@code strace -f -o FILE} does, in the order it is handed events: each line
 * starts with the tid ({@code %-5d }) and the timestamp; a call's line is opened at its entry and
 * closed at its exit, unless another line comes between, which ends the open one with
 * {@code <unfinished ...>} and makes the exit a {@code <... NAME resumed>} line of its own. The
 * result starts at column 40 of the line, prefix included.
 */
final class LineWriter {
    private static final int RESULT_COLUMN = 40;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Writer out;
    private final StraceOptions options;
    private final TraceHeader header;
    private final ZoneId zone;
    private final StringBuilder line = new StringBuilder(256);
    /** The call whose line is open, or null. */
    private RenderedCall open;
    private int openTid;
    private long previousLineTime = Long.MIN_VALUE;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    LineWriter(Writer out, StraceOptions options, TraceHeader header) {
        this.out = out;
        this.options = options;
        this.header = header;
        this.zone = options.zone();
    }

    /** A call entered: its name and what strace prints at entry; the line stays open. */
    void entry(RenderedCall call, int tid, long time) throws IOException {
        leader(tid, time);
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
            line.append(" <").append(duration / NANOS_PER_SECOND).append('.');
            sixDigits(duration % NANOS_PER_SECOND / 1000);
            line.append('>');
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
        leader(tid, time);
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
        leader(call.tid(), time);
        line.append("<... ").append(call.name()).append(" resumed>");
    }

    /** strace's printleader: ends an open line, then prints the tid and the timestamp. */
    private void leader(int tid, long time) throws IOException {
        if (open != null) {
            line.append(" <unfinished ...>");
            flushLine();
        }
        line.append(tid);
        for (int width = Integer.toString(tid).length(); width < 5; width++) {
            line.append(' ');
        }
        line.append(' ');
        timestamp(time);
    }

    private void timestamp(long time) {
        long wall = header.toWallNanos(time);
        long micros = Math.floorMod(wall, NANOS_PER_SECOND) / 1000;
        switch (options.timestamps()) {
            case NONE -> {
            }
            case SECONDS -> line.append(localTime(wall)).append(' ');
            case MICROSECONDS -> {
                line.append(localTime(wall)).append('.');
                sixDigits(micros);
                line.append(' ');
            }
            case EPOCH -> {
                line.append(Math.floorDiv(wall, NANOS_PER_SECOND)).append('.');
                sixDigits(micros);
                line.append(' ');
            }
            case RELATIVE -> {
                long delta = previousLineTime == Long.MIN_VALUE ? 0 : Math.max(0, time - previousLineTime);
                String seconds = Long.toString(delta / NANOS_PER_SECOND);
                line.append("      ", 0, Math.max(0, 6 - seconds.length())).append(seconds).append('.');
                sixDigits(delta % NANOS_PER_SECOND / 1000);
                line.append(' ');
            }
        }
        previousLineTime = time;
    }

    /** HH:MM:SS in the zone, worked out once per second of the log. */
    private String localTime(long wallNanos) {
        long second = Math.floorDiv(wallNanos, NANOS_PER_SECOND);
        if (second != cachedSecond) {
            LocalTime local = Instant.ofEpochSecond(second).atZone(zone).toLocalTime();
            cachedTime = String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
            cachedSecond = second;
        }
        return cachedTime;
    }

    private void sixDigits(long value) {
        String digits = Long.toString(value);
        line.append("000000", 0, 6 - digits.length()).append(digits);
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
