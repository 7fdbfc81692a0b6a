package dev.tracekit.report;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * strace's own -c tables, as imported into {@code strace_counts}: the summary of strace text that
 * holds no calls to summarize (strace ran with -c). Rows of several tables add up per syscall;
 * the columns a table lacked (-U chose others) stay empty.
 */
public final class StraceCounts {
    private static final String NOTE = "strace's own -c table, as imported (the text holds no calls to summarize)";

    /** One syscall; null where no table had the column. */
    public record Row(String syscall, Long calls, Long errors, Long totalNs, Long avgNs, Long minNs, Long maxNs,
                      Double percent) {

        /** The summary's keys where they mean the same; p50, p95, p99 and errnos are not in a -c table. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("syscall", syscall);
            map.put("calls", calls);
            map.put("errors", errors);
            map.put("total_ns", totalNs);
            map.put("min_ns", minNs);
            map.put("avg_ns", avgNs);
            map.put("max_ns", maxNs);
            map.put("percent", percent == null ? null : Math.round(percent * 100) / 100.0);
            return map;
        }
    }

    private StraceCounts() {
    }

    /**
     * Per syscall over every table; a single table's rows come back as strace printed them. The
     * average is the total over the calls where both were printed, else strace's own.
     */
    public static List<Row> read(Connection connection) throws SQLException {
        String sql = """
                SELECT syscall, sum(calls) AS calls, sum(errors) AS errors, sum(total_ns) AS total_ns,
                       CASE WHEN count(*) = 1 OR sum(total_ns) IS NULL OR sum(calls) IS NULL THEN max(avg_ns)
                            ELSE (sum(total_ns) // nullif(sum(calls), 0)) END AS avg_ns,
                       min(min_ns) AS min_ns, max(max_ns) AS max_ns,
                       CASE WHEN count(DISTINCT trace_id) = 1 THEN sum(time_percent)
                            ELSE 100.0 * sum(total_ns) / nullif(sum(sum(total_ns)) OVER (), 0) END AS percent
                FROM strace_counts GROUP BY syscall
                ORDER BY total_ns DESC NULLS LAST, calls DESC NULLS LAST, syscall""";
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(new Row(result.getString("syscall"), nullable(result, "calls"), nullable(result, "errors"),
                        nullable(result, "total_ns"), nullable(result, "avg_ns"), nullable(result, "min_ns"),
                        nullable(result, "max_ns"), result.getObject("percent") == null ? null : result.getDouble("percent")));
            }
        }
        return rows;
    }

    /** In strace's layout, with the columns some row has a value for. */
    public static void print(PrintWriter out, List<Row> rows) {
        out.println(NOTE);
        List<Column> columns = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column == Column.NAME || rows.stream().anyMatch(row -> column.value(row) != null)) {
                columns.add(column);
            }
        }
        out.println(line(columns, column -> column.header));
        String rule = line(columns, column -> "-".repeat(column.width));
        out.println(rule);
        for (Row row : rows) {
            out.println(line(columns, column -> column.text(row)));
        }
        out.println(rule);
        out.println(line(columns, column -> column.text(total(rows))));
    }

    /** strace's total line: calls, errors and time summed, the average over them all, the shortest and longest call. */
    private static Row total(List<Row> rows) {
        Long calls = combine(rows, Row::calls, Long::sum);
        Long totalNs = combine(rows, Row::totalNs, Long::sum);
        return new Row("total", calls, combine(rows, Row::errors, Long::sum), totalNs,
                calls == null || totalNs == null || calls == 0 ? null : totalNs / calls, combine(rows, Row::minNs, Math::min),
                combine(rows, Row::maxNs, Math::max), rows.stream().anyMatch(row -> row.percent() != null) ? 100.0 : null);
    }

    private static Long combine(List<Row> rows, Function<Row, Long> value, BinaryOperator<Long> how) {
        return rows.stream().map(value).filter(Objects::nonNull).reduce(how).orElse(null);
    }

    private static String line(List<Column> columns, Function<Column, String> cell) {
        StringBuilder line = new StringBuilder();
        for (Column column : columns) {
            String text = cell.apply(column);
            String format = "%" + (column == Column.NAME ? "-" : "") + column.width + "s";
            line.append(line.isEmpty() ? "" : " ").append(String.format(format, text));
        }
        return line.toString().stripTrailing();
    }

    /** strace's columns, in its default order, with its widths. */
    private enum Column {
        PERCENT("% time", 6), SECONDS("seconds", 11), USECS_PER_CALL("usecs/call", 11), CALLS("calls", 9),
        ERRORS("errors", 9), NAME("syscall", 16), SHORTEST("shortest", 8), LONGEST("longest", 8);

        final String header;
        final int width;

        Column(String header, int width) {
            this.header = header;
            this.width = width;
        }

        Object value(Row row) {
            return switch (this) {
                case PERCENT -> row.percent();
                case SECONDS -> row.totalNs();
                case USECS_PER_CALL -> row.avgNs();
                case CALLS -> row.calls();
                case ERRORS -> row.errors();
                case NAME -> row.syscall();
                case SHORTEST -> row.minNs();
                case LONGEST -> row.maxNs();
            };
        }

        String text(Row row) {
            Object value = value(row);
            if (value == null) {
                return "";
            }
            return switch (this) {
                case PERCENT -> String.format("%.2f", (Double) value);
                case SECONDS, SHORTEST, LONGEST -> String.format("%.6f", (Long) value / 1e9);
                case USECS_PER_CALL -> Long.toString((Long) value / 1000);
                case ERRORS -> (Long) value == 0 ? "" : value.toString();
                default -> value.toString();
            };
        }
    }

    private static Long nullable(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }
}
