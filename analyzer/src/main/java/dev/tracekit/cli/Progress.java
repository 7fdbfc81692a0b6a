package dev.tracekit.cli;

import java.io.PrintWriter;

/** A progress line on stderr, redrawn in place, only when a person is watching a terminal. */
final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private final PrintWriter err;
    private final String what;
    private final long total;
    private final boolean shown = System.console() != null;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    Progress(PrintWriter err, String what, long total) {
        this.err = err;
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!shown || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        err.printf("\r%s: %3.0f%% (%.1f MB/s)", what, total == 0 ? 100.0 : 100.0 * done / total, done / 1e6 / seconds);
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(what.length() + 24) + "\r");
            err.flush();
        }
    }
}
