package dev.tracekit.report;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Folded stacks, the input of flamegraph.pl and speedscope: one line per distinct stack,
 * {@code root;outermost;...;innermost WEIGHT}, the root being the thread's name. A stack the
 * unwinder could not finish gets a {@code [truncated]} frame under the root, so incomplete
 * stacks group together rather than pose as whole ones.
 */
public final class FoldedStacks {

    /** What a line counts. */
    public enum Weight {
        /** Timer samples, one per sample. */
        SAMPLES,
        /**
         * Stacks taken at syscall entry, weighted by the call's wall time in microseconds, with
         * the syscall as the leaf frame, named {@code read_[k]} (flamegraph.pl colours frames
         * ending in {@code _[k]} as kernel).
         */
        SYSCALL_TIME
    }

    /**
     * A frame's name: its symbol; else module and file offset ({@code libc.so.6+0x11a2b3}); else
     * its address. Semicolons would split a frame in two, so they become colons.
     */
    private static final String FRAME_NAMES = """
            frame_names AS (
                SELECT trace_id, frame_id, replace(replace(coalesce(symbol,
                           regexp_extract(module, '[^/]*$') || printf('+0x%x', file_offset),
                           printf('0x%x', pc)), ';', ':'), chr(10), ' ') AS name
                FROM frames),
            paths AS (
                SELECT trace_id, stack_id, bool_or(truncated) AS truncated,
                       string_agg(f.name, ';' ORDER BY depth DESC) AS path
                FROM stacks JOIN frame_names f USING (trace_id, frame_id)
                GROUP BY trace_id, stack_id)""";

    private static final String LINE = """
            replace(coalesce(th.name, s.tid::VARCHAR), ';', ':')
                || CASE WHEN p.truncated THEN ';[truncated]' ELSE '' END
                || coalesce(';' || p.path, '')""";

    private static final String SAMPLES = "WITH " + FRAME_NAMES + """
            SELECT %s AS line, count(*) AS weight
            FROM samples s LEFT JOIN paths p USING (trace_id, stack_id)
                 LEFT JOIN threads th USING (trace_id, tid)
            WHERE s.trigger = 'timer'
            GROUP BY line ORDER BY line""".formatted(LINE);

    /** A syscall_entry sample has its call's entry time and thread (docs/schema.md). */
    private static final String SYSCALL_TIME = "WITH " + FRAME_NAMES + """
            SELECT %s || ';' || n.name || '_[k]' AS line,
                   round(sum(c.duration_ns) / 1000)::BIGINT AS weight
            FROM samples s JOIN syscall_rows c ON c.trace_id = s.trace_id AND c.tid = s.tid AND c.ts = s.ts
                 JOIN syscall_names n ON n.trace_id = c.trace_id AND n.nr = c.nr
                 LEFT JOIN paths p ON p.trace_id = s.trace_id AND p.stack_id = s.stack_id
                 LEFT JOIN threads th ON th.trace_id = s.trace_id AND th.tid = s.tid
            WHERE s.trigger = 'syscall_entry' AND c.duration_ns IS NOT NULL
            GROUP BY line HAVING weight > 0 ORDER BY line""".formatted(LINE);

    private FoldedStacks() {
    }

    /** Writes the folded lines; returns how many there were (none: the trace has no such samples). */
    public static int write(Connection connection, Weight weight, PrintWriter out) throws SQLException {
        int lines = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(weight == Weight.SAMPLES ? SAMPLES : SYSCALL_TIME)) {
            while (rows.next()) {
                out.print(rows.getString(1));
                out.print(' ');
                out.println(rows.getLong(2));
                lines++;
            }
        }
        return lines;
    }
}
