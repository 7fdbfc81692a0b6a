package dev.tracekit.strace;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.syscalls.SyscallTable;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * strace text printed from the database rather than from a log: for traces imported from strace
 * text, whose arguments are kept as printed and nothing else. A call is one line at its entry, or
 * the two lines strace split it into ({@code <unfinished ...>} and {@code <... NAME resumed>} at
 * the time the text gave it); signals from the fields the signals table keeps, and one
 * {@code +++} line per thread that ended. Only the options that need no recorded bytes apply:
 * timestamps, durations and -e trace=.
 */
public final class StoredCallsText {
    private static final int RESULT_COLUMN = 40;
    private static final int MAX_ERRNO = 4095;

    private final Writer out;
    private final StraceOptions options;
    private final StringBuilder line = new StringBuilder(256);
    private final LineLeader leader;

    private record Event(long time, int tid, String text) {
    }

    private StoredCallsText(Writer out, StraceOptions options) {
        this.out = out;
        this.options = options;
        this.leader = new LineLeader(options);
    }

    /** Prints trace {@code traceId} of {@code connection} to {@code out}, ordered by time. */
    public static void write(Connection connection, int traceId, String arch, Writer out, StraceOptions options)
            throws SQLException, IOException {
        new StoredCallsText(out, options).print(connection, traceId, arch);
        out.flush();
    }

    private void print(Connection connection, int traceId, String arch) throws SQLException, IOException {
        List<Event> events = events(connection, traceId);
        int next = 0;
        String filter = "";
        if (options.traceSet() != null) {
            Set<Integer> traced = SyscallTable.forArch(arch).resolveTraceSet(options.traceSet());
            filter = traced.isEmpty() ? " AND false" : " AND s.nr IN ("
                    + traced.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        }
        String columns = "s.tid, %s AS t, s.rowid AS r, %s AS rest, s.duration_ns, s.nr, n.name, s.args, s.ret, s.result_text, "
                + "s.split_at FROM syscall_rows s LEFT JOIN syscall_names n USING (trace_id, nr) WHERE s.trace_id = ?" + filter;
        try (PreparedStatement calls = connection.prepareStatement("SELECT " + columns.formatted("epoch_ns(s.ts)", "false")
                + " UNION ALL SELECT " + columns.formatted("epoch_ns(s.resumed_ts)", "true")
                + " AND s.resumed_ts IS NOT NULL ORDER BY t, r, rest")) {
            calls.setInt(1, traceId);
            calls.setInt(2, traceId);
            try (ResultSet call = calls.executeQuery()) {
                while (call.next()) {
                    long time = call.getLong("t");
                    for (; next < events.size() && events.get(next).time < time; next++) {
                        event(events.get(next));
                    }
                    call(call, time);
                }
            }
        }
        for (; next < events.size(); next++) {
            event(events.get(next));
        }
    }

    /** The whole call, its part up to {@code <unfinished ...>}, or the rest of it, as {@code split_at} divides its arguments. */
    private void call(ResultSet call, long time) throws SQLException, IOException {
        int tid = call.getInt("tid");
        int number = call.getInt("nr");
        leader.entered(tid, call.wasNull() ? null : number);
        leader.append(line, tid, time, time);
        String name = call.getString("name");
        String args = call.getString("args");
        int splitAt = call.getInt("split_at");
        boolean split = !call.wasNull();
        int at = Math.min(Math.max(splitAt, 0), args.length());
        if (call.getBoolean("rest")) {
            line.append("<... ").append(name).append(" resumed>").append(args, at, args.length());
        } else if (split) {
            line.append(name).append('(').append(args, 0, at).append(" <unfinished ...>");
            flush();
            return;
        } else {
            line.append(name).append('(').append(args);
        }
        line.append(") ");
        while (line.length() < RESULT_COLUMN) {
            line.append(' ');
        }
        line.append("= ").append(result(call));
        long duration = call.getLong("duration_ns");
        if (!call.wasNull() && options.durations()) {
            LineClock.duration(line, duration);
        }
        flush();
    }

    /** As the syscalls view words it. */
    private static String result(ResultSet call) throws SQLException {
        String text = call.getString("result_text");
        if (text != null) {
            return text;
        }
        long ret = call.getLong("ret");
        if (call.wasNull()) {
            return "?";
        }
        return ret < 0 && ret >= -MAX_ERRNO ? "-1 " + Errno.describe((int) -ret) : Long.toString(ret);
    }

    private void event(Event event) throws IOException {
        leader.append(line, event.tid, event.time, event.time);
        line.append(event.text);
        flush();
    }

    /** Signals and the ends of threads, which are few, by time. */
    private static List<Event> events(Connection connection, int traceId) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT epoch_ns(ts) AS t, tid, '--- ' || signal || ' ' || coalesce(siginfo, '') || ' ---',
                       NULL, NULL, NULL, NULL, false
                FROM signals WHERE trace_id = ? AND signo IS NOT NULL
                UNION ALL
                SELECT epoch_ns(th.ended), th.tid, NULL, th.exit_code, th.term_signal, p.core_dumped, th.pid, true
                FROM threads th LEFT JOIN processes p ON p.trace_id = th.trace_id AND p.pid = th.tid AND th.pid = th.tid
                WHERE th.trace_id = ? AND th.ended IS NOT NULL
                ORDER BY t""")) {
            query.setInt(1, traceId);
            query.setInt(2, traceId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Event event = row.getBoolean(8) ? end(row) : new Event(row.getLong(1), row.getInt(2), row.getString(3));
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    /**
     * How strace words a thread's end: its own exit status; or, for a thread that exec'd and
     * so ended with no status, the line its process's leader prints; null for the leader.
     */
    private static Event end(ResultSet row) throws SQLException {
        long time = row.getLong(1);
        int tid = row.getInt(2);
        String signal = row.getString(5);
        if (signal != null) {
            return new Event(time, tid, "+++ killed by " + signal + (row.getBoolean(6) ? " (core dumped)" : "") + " +++");
        }
        int code = row.getInt(4);
        if (!row.wasNull()) {
            return new Event(time, tid, "+++ exited with " + code + " +++");
        }
        int pid = row.getInt(7);
        return row.wasNull() || pid == tid ? null : new Event(time, pid, "+++ superseded by execve in pid " + tid + " +++");
    }

    private void flush() throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }
}
