package dev.tracekit.strace;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.ByteString;

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
 * text, whose arguments are kept as printed and nothing else. Every call is one line at its
 * entry (the text's {@code <unfinished ...>} splits are not kept), signals from the fields the
 * signals table keeps, and one {@code +++} line per thread that ended. Only the options that
 * need no recorded bytes apply: timestamps, durations and -e trace=.
 */
public final class StoredCallsText {
    private static final int RESULT_COLUMN = 40;
    private static final int MAX_ERRNO = 4095;
    private static final int SIGINFO_SIZE = 48;

    private final Writer out;
    private final StraceOptions options;
    private final StringBuilder line = new StringBuilder(256);
    private final LineClock clock;

    private record Event(long time, int tid, String text) {
    }

    private StoredCallsText(Writer out, StraceOptions options) {
        this.out = out;
        this.options = options;
        this.clock = new LineClock(options);
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
        try (PreparedStatement calls = connection.prepareStatement("""
                SELECT s.tid, epoch_ns(s.ts), s.duration_ns, n.name, s.args, s.ret, s.result_text
                FROM syscall_rows s LEFT JOIN syscall_names n USING (trace_id, nr)
                WHERE s.trace_id = ?""" + filter + " ORDER BY s.ts, s.rowid")) {
            calls.setInt(1, traceId);
            try (ResultSet call = calls.executeQuery()) {
                while (call.next()) {
                    long time = call.getLong(2);
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

    private void call(ResultSet call, long time) throws SQLException, IOException {
        leader(call.getInt(1), time);
        line.append(call.getString(4)).append('(').append(call.getString(5)).append(") ");
        while (line.length() < RESULT_COLUMN) {
            line.append(' ');
        }
        line.append("= ").append(result(call));
        long duration = call.getLong(3);
        if (!call.wasNull() && options.durations()) {
            LineClock.duration(line, duration);
        }
        flush();
    }

    /** As the syscalls view words it. */
    private static String result(ResultSet call) throws SQLException {
        String text = call.getString(7);
        if (text != null) {
            return text;
        }
        long ret = call.getLong(6);
        if (call.wasNull()) {
            return "?";
        }
        return ret < 0 && ret >= -MAX_ERRNO ? "-1 " + Errno.describe((int) -ret) : Long.toString(ret);
    }

    private void event(Event event) throws IOException {
        leader(event.tid, event.time);
        line.append(event.text);
        flush();
    }

    /** Signals and the ends of threads, which are few, by time. */
    private static List<Event> events(Connection connection, int traceId) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT epoch_ns(ts) AS t, tid, signo, code, sender_pid, sender_uid, NULL, NULL, NULL, false
                FROM signals WHERE trace_id = ? AND signo IS NOT NULL
                UNION ALL
                SELECT epoch_ns(th.ended), th.tid, NULL, NULL, NULL, NULL, p.exit_code, p.term_signal, p.core_dumped, true
                FROM threads th LEFT JOIN processes p ON p.trace_id = th.trace_id AND p.pid = th.tid AND th.pid = th.tid
                WHERE th.trace_id = ? AND th.ended IS NOT NULL
                ORDER BY t""")) {
            query.setInt(1, traceId);
            query.setInt(2, traceId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(new Event(row.getLong(1), row.getInt(2), row.getBoolean(10) ? exit(row) : signal(row)));
                }
            }
        }
        return events;
    }

    private static String exit(ResultSet row) throws SQLException {
        String signal = row.getString(8);
        if (signal != null) {
            return "+++ killed by " + signal + (row.getBoolean(9) ? " (core dumped)" : "") + " +++";
        }
        return "+++ exited with " + row.getInt(7) + " +++";
    }

    /** The siginfo strace would print for the fields kept; a child's status and times were not. */
    private static String signal(ResultSet row) throws SQLException {
        int signo = row.getInt(3);
        byte[] siginfo = new byte[SIGINFO_SIZE];
        putInt(siginfo, 0, signo);
        putInt(siginfo, 8, row.getInt(4));
        putInt(siginfo, 16, row.getInt(5));
        putInt(siginfo, 20, row.getInt(6));
        StringBuilder text = new StringBuilder("--- ").append(Signals.name(signo)).append(' ');
        SiginfoText.append(text, new Bytes(ByteString.copyOf(siginfo)));
        return text.append(" ---").toString();
    }

    private static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >> 8 * i);
        }
    }

    /** The tid as {@code %-5d }, then the timestamp in the chosen style. */
    private void leader(int tid, long time) {
        String digits = Integer.toString(tid);
        line.append(digits);
        for (int width = digits.length(); width < 5; width++) {
            line.append(' ');
        }
        line.append(' ');
        clock.timestamp(line, time, time);
    }

    private void flush() throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }
}
