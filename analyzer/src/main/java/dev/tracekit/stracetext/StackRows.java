package dev.tracekit.stracetext;

import org.duckdb.DuckDBAppender;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * -k stacks as rows of {@code samples} (trigger {@code syscall_entry}, the call's name and entry
 * time), {@code stacks} and {@code frames}: frames and whole stacks are written once each and
 * referred to by id, as for a log's samples.
 */
final class StackRows {
    private final int traceId;
    private final DuckDBAppender samples;
    private final DuckDBAppender stacks;
    private final DuckDBAppender frames;
    private final Map<String, Long> frameIds = new HashMap<>();
    private final Map<List<Long>, Long> stackIds = new HashMap<>();
    private final List<Long> current = new ArrayList<>();
    private int tid;
    private long time;
    private String syscall;

    StackRows(int traceId, DuckDBAppender samples, DuckDBAppender stacks, DuckDBAppender frames) {
        this.traceId = traceId;
        this.samples = samples;
        this.stacks = stacks;
        this.frames = frames;
    }

    /** The call whose line came last: the frames that follow are its stack. */
    void call(int callTid, long callTime, String name) throws SQLException {
        finish();
        tid = callTid;
        time = callTime;
        syscall = name;
    }

    /** The next frame, innermost first; the text after {@code  > } identifies it. */
    void frame(String text, Line line) throws SQLException {
        if (syscall == null) {
            return;
        }
        Long id = frameIds.get(text);
        if (id == null) {
            id = frameIds.size() + 1L;
            frameIds.put(text, id);
            frames.beginRow().append(traceId).append(id.longValue()).appendNull().append(line.module).appendNull()
                    .append(line.address).append(line.symbol).append(line.symbolOffset).endRow();
        }
        current.add(id);
    }

    /** Ends the stack being read, if any: one sample row, and the stack's rows when it is new. */
    void finish() throws SQLException {
        if (current.isEmpty()) {
            syscall = null;
            return;
        }
        Long stackId = stackIds.get(current);
        if (stackId == null) {
            stackId = stackIds.size() + 1L;
            List<Long> key = List.copyOf(current);
            stackIds.put(key, stackId);
            for (int depth = 0; depth < key.size(); depth++) {
                stacks.beginRow().append(traceId).append(stackId.longValue()).append(depth).append(key.get(depth).longValue())
                        .append(false).endRow();
            }
        }
        samples.beginRow().append(traceId).append(tid).appendNull().appendEpochNanos(time).append(stackId.longValue())
                .append(false).append(syscall).append("syscall_entry").endRow();
        current.clear();
        syscall = null;
    }
}
