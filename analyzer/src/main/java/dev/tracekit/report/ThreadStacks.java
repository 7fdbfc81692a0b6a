package dev.tracekit.report;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * What pstack prints, from the samples: each thread's most recent stack, innermost frame
 * first, in gdb's frame format ({@code #0  0x00007f3a1c2e4f33 in clock_nanosleep () from
 * /usr/lib/x86_64-linux-gnu/libc.so.6}), headed by the thread, its process, when the sample was
 * taken and whether the thread was on CPU or inside a syscall.
 */
public final class ThreadStacks {
    private static final String QUERY = """
            WITH latest AS (
                SELECT s.trace_id, s.tid, s.pid, th.name, strftime(s.ts, '%Y-%m-%d %H:%M:%S.%f') AS at,
                       s.on_cpu, s.syscall, s.stack_id
                FROM samples s LEFT JOIN threads th USING (trace_id, tid)
                QUALIFY row_number() OVER (PARTITION BY s.trace_id, s.tid ORDER BY s.ts DESC) = 1)
            SELECT l.trace_id, l.tid, l.pid, l.name, l.at, l.on_cpu, l.syscall,
                   st.depth, f.pc, f.symbol, f.module, st.truncated
            FROM latest l LEFT JOIN stacks st USING (trace_id, stack_id)
                 LEFT JOIN frames f USING (trace_id, frame_id)
            ORDER BY l.trace_id, l.pid, l.tid, st.depth""";

    private ThreadStacks() {
    }

    /** Writes every thread's latest stack; returns how many threads had one. */
    public static int write(Connection connection, PrintWriter out) throws SQLException {
        int threads = 0;
        String current = null;
        boolean truncated = false;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(QUERY)) {
            while (row.next()) {
                String thread = row.getInt("trace_id") + "/" + row.getInt("tid");
                if (!thread.equals(current)) {
                    endThread(out, threads > 0, truncated);
                    current = thread;
                    threads++;
                    out.println(header(row));
                }
                truncated = row.getBoolean("truncated");
                if (row.getObject("depth") != null) {
                    out.println(frame(row));
                }
            }
        }
        endThread(out, threads > 0, truncated);
        return threads;
    }

    private static void endThread(PrintWriter out, boolean any, boolean truncated) {
        if (any) {
            if (truncated) {
                out.println("(the unwinder stopped here: more frames were not found)");
            }
            out.println();
        }
    }

    private static String header(ResultSet row) throws SQLException {
        String name = row.getString("name");
        Object pid = row.getObject("pid");
        String where = row.getBoolean("on_cpu") ? "on CPU" : "inside " + Objects.requireNonNullElse(row.getString("syscall"), "a syscall");
        return "Thread " + row.getInt("tid") + (name == null ? "" : " \"" + name + "\"")
                + (pid == null ? "" : " of process " + pid) + ", at " + row.getString("at") + ", " + where + ":";
    }

    private static String frame(ResultSet row) throws SQLException {
        String symbol = row.getString("symbol");
        String module = row.getString("module");
        return String.format("#%-2d 0x%016x in %s ()%s", row.getInt("depth"), row.getLong("pc"),
                symbol == null ? "??" : symbol, module == null ? "" : " from " + module);
    }
}
