package dev.tracekit.stracetext;

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
    private final Rows rows;
    private final Map<String, Long> frameIds = new HashMap<>();
    private final Map<List<Long>, Long> stackIds = new HashMap<>();
    private final List<Long> current = new ArrayList<>();
    private int tid;
    private long time;
    private String syscall;

    StackRows(Rows rows) {
        this.rows = rows;
    }

    /** The call whose line came last: the frames that follow are its stack. */
    void call(int callTid, long callTime, String name) {
        finish();
        tid = callTid;
        time = callTime;
        syscall = name;
    }

    /** The next frame, innermost first; the text after {@code  > } identifies it. */
    void frame(String text, Line line) {
        if (syscall == null) {
            return;
        }
        Long id = frameIds.get(text);
        if (id == null) {
            id = frameIds.size() + 1L;
            frameIds.put(text, id);
            rows.frame(id, line.module, line.address, line.symbol, line.symbolOffset);
        }
        current.add(id);
    }

    /** Ends the stack being read, if any: one sample row, and the stack's rows when it is new. */
    void finish() {
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
                rows.stackFrame(stackId, depth, key.get(depth));
            }
        }
        rows.sample(tid, time, stackId, syscall);
        current.clear();
        syscall = null;
    }
}
