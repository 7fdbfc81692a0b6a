package dev.tracekit.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary as a table in the layout of strace -c (its six columns, same widths, a total
 * line), followed by what strace -c lacks: unfinished calls, min, p50, p95, p99 and max in
 * microseconds, and errors by errno.
 */
public final class SummaryText {
    private static final String NOTE = "wall-clock time per call, from entry to exit (as strace -c -w); "
            + "unfinished calls never returned and are not in the times";
    private static final String UNTIMED_NOTE = "no call has a duration (strace text without -T): calls and errors only";

    private SummaryText() {
    }

    public static void print(PrintWriter out, List<SyscallSummary.Row> rows, SyscallSummary.By by) {
        boolean timed = rows.stream().anyMatch(SyscallSummary.Row::timed);
        out.println(timed || rows.isEmpty() ? NOTE : UNTIMED_NOTE);
        String idHeader = switch (by) {
            case syscall -> null;
            case thread -> "tid";
            case process -> "pid";
        };
        String header = String.format("%6s %11s %11s %9s %9s %-16s %10s %9s %9s %9s %9s %10s %s",
                "% time", "seconds", "usecs/call", "calls", "errors", "syscall", "unfinished",
                "min us", "p50 us", "p95 us", "p99 us", "max us", "errors by errno");
        String rule = String.format("%6s %11s %11s %9s %9s %16s %10s %9s %9s %9s %9s %10s %s",
                "------", "-----------", "-----------", "---------", "---------", "----------------", "----------",
                "---------", "---------", "---------", "---------", "----------", "---------------");
        out.println(idHeader == null ? header : String.format("%8s ", idHeader) + header);
        out.println(idHeader == null ? rule : "-------- " + rule);
        long calls = 0;
        long errors = 0;
        long unfinished = 0;
        long total = 0;
        for (SyscallSummary.Row row : rows) {
            boolean rowTimed = row.calls() > 0 && row.timed();
            String line = String.format("%6s %11s %11s %9d %9s %-16s %10s %9s %9s %9s %9s %10s %s",
                    rowTimed ? String.format("%.2f", row.percent()) : "", rowTimed ? String.format("%.6f", row.totalNs() / 1e9) : "",
                    rowTimed ? Long.toString(row.avgNs() / 1000) : "", row.calls(),
                    blankIfZero(row.errors()), row.syscall(), blankIfZero(row.unfinished()),
                    micros(rowTimed, row.minNs()), micros(rowTimed, row.p50Ns()), micros(rowTimed, row.p95Ns()),
                    micros(rowTimed, row.p99Ns()), micros(rowTimed, row.maxNs()), errnos(row.errnos()));
            out.println((idHeader == null ? "" : String.format("%8d ", row.id())) + line.stripTrailing());
            calls += row.calls();
            errors += row.errors();
            unfinished += row.unfinished();
            total += row.totalNs();
        }
        out.println(idHeader == null ? rule : "-------- " + rule);
        String totals = String.format("%6s %11s %11s %9d %9s %-16s %10s", timed ? "100.00" : "",
                timed ? String.format("%.6f", total / 1e9) : "", timed ? Long.toString(calls == 0 ? 0 : total / calls / 1000) : "",
                calls, blankIfZero(errors), "total", blankIfZero(unfinished));
        out.println((idHeader == null ? "" : "         ") + totals.stripTrailing());
    }

    private static String blankIfZero(long value) {
        return value == 0 ? "" : Long.toString(value);
    }

    /** Below 10 us a decimal place; nothing for a syscall none of whose calls returned with a duration. */
    private static String micros(boolean timed, long nanos) {
        if (!timed) {
            return "";
        }
        return nanos < 10_000 ? String.format("%.1f", nanos / 1000.0) : Long.toString(nanos / 1000);
    }

    private static String errnos(Map<String, Long> errnos) {
        return errnos.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }
}
