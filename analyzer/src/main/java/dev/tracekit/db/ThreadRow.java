package dev.tracekit.db;

/** A row of {@code threads}, filled in as an import learns about the thread. */
public final class ThreadRow {
    public int tid;
    /** Null until the import learns which process the thread belongs to. */
    public Integer pid;
    public String name;
    public final Long started;
    public Long ended;
    /** The thread's own end, as wait reported it: its exit code, or the signal that killed it. */
    public Integer exitCode;
    public String termSignal;

    public ThreadRow(int tid, Integer pid, long started) {
        this.tid = tid;
        this.pid = pid;
        this.started = started;
    }
}
