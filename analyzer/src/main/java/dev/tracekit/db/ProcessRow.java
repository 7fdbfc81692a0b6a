package dev.tracekit.db;

import java.util.List;

/** A row of {@code processes}, filled in as an import learns about the process. */
public final class ProcessRow {
    public Integer ppid;
    public String exe;
    public List<String> argv;
    public String cwd;
    public final Long started;
    public Long ended;
    public Integer exitCode;
    public String termSignal;
    public Boolean coreDumped;

    public ProcessRow(long started) {
        this.started = started;
    }
}
