package dev.tracekit.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-syscall wall-clock latency: what strace -c -w gives, plus min, percentiles, max, errors by
 * errno and the calls that never returned; optionally per thread or per process. DuckDB does
 * the aggregation.
 */
public final class SyscallSummary {

    public enum By { syscall, thread, process }

    /**
     * One row: a syscall, or a syscall of one thread or process. {@code timed}: some of its calls
     * have a duration (strace text without -T has none), else the times are unknown, not zero.
     */
    public record Row(Integer id, String syscall, long calls, long errors, long unfinished, boolean timed, long totalNs,
                      long minNs, long avgNs, long p50Ns, long p95Ns, long p99Ns, long maxNs, double percent,
                      Map<String, Long> errnos) {

        /**
         * The keys scripts rely on: syscall, calls, errors, total_ns, min_ns, avg_ns, p50_ns, p95_ns, p99_ns, max_ns;
         * the times and percent null when unknown.
         */
        public Map<String, Object> asMap(By by) {
            Map<String, Object> map = new LinkedHashMap<>();
            if (by != By.syscall) {
                map.put(by == By.thread ? "tid" : "pid", id);
            }
            map.put("syscall", syscall);
            map.put("calls", calls);
            map.put("errors", errors);
            map.put("unfinished", unfinished);
            map.put("total_ns", timed ? totalNs : null);
            map.put("min_ns", timed ? minNs : null);
            map.put("avg_ns", timed ? avgNs : null);
            map.put("p50_ns", timed ? p50Ns : null);
            map.put("p95_ns", timed ? p95Ns : null);
            map.put("p99_ns", timed ? p99Ns : null);
            map.put("max_ns", timed ? maxNs : null);
            map.put("percent", timed ? Math.round(percent * 100) / 100.0 : null);
            map.put("errnos", errnos);
            return map;
        }
    }

    private SyscallSummary() {
    }

    /**
     * Reads {@code syscall_rows} rather than the {@code syscalls} view, whose joins would cost
     * more than the aggregation. The calls are read twice, once for the statistics and once for
     * the few failures: a common table expression read twice would be materialized, which
     * costs more than both reads. The three percentiles come from one quantile_disc.
     * <p>
     * Calls are grouped by number and named afterwards, when every trace numbers syscalls alike
     * (one architecture): joining millions of calls to their names first took most of the
     * query's time. Otherwise they are named first, so that one name is one row across traces.
     */
    public static List<Row> compute(Connection connection, By by) throws SQLException {
        String key = switch (by) {
            case syscall -> "NULL::INTEGER";
            case thread -> "s.tid";
            case process -> "th.pid";
        };
        String threads = by == By.process ? " LEFT JOIN threads th USING (trace_id, tid)" : "";
        boolean byNumber = oneNumbering(connection);
        String calls = byNumber ? "syscall_rows s" + threads
                : "syscall_rows s JOIN syscall_names n USING (trace_id, nr)" + threads;
        String syscall = byNumber ? "s.nr" : "n.name";
        String naming = byNumber ? " JOIN (SELECT DISTINCT nr, name FROM syscall_names) names ON names.nr = %s.syscall" : "";
        String name = byNumber ? "names.name" : "%s.syscall";
        String sql = """
                WITH summary AS (
                    SELECT %1$s AS id, %3$s AS syscall,
                           count(s.ret) AS calls,
                           count(*) FILTER (WHERE s.ret BETWEEN -4095 AND -1) AS errors,
                           count(*) FILTER (WHERE s.ret IS NULL) AS unfinished,
                           count(s.duration_ns) > 0 AS timed,
                           coalesce(sum(s.duration_ns), 0) AS total_ns,
                           coalesce(min(s.duration_ns), 0) AS min_ns,
                           coalesce(round(avg(s.duration_ns)), 0)::BIGINT AS avg_ns,
                           quantile_disc(s.duration_ns, [0.5, 0.95, 0.99]) AS percentiles,
                           coalesce(max(s.duration_ns), 0) AS max_ns
                    FROM %2$s GROUP BY ALL),
                failures AS (
                    SELECT f.id, f.syscall, string_agg(e.name || '=' || f.n, ',' ORDER BY f.n DESC, e.name) AS list
                    FROM (SELECT %1$s AS id, %3$s AS syscall, s.ret, count(*) AS n FROM %2$s
                          WHERE s.ret BETWEEN -4095 AND -1 GROUP BY ALL) f
                    JOIN errnos e ON f.ret = -e.errno
                    GROUP BY f.id, f.syscall)
                SELECT s.id, %4$s AS name, calls, errors, unfinished, timed, total_ns, min_ns, avg_ns,
                       coalesce(percentiles[1], 0) AS p50_ns, coalesce(percentiles[2], 0) AS p95_ns,
                       coalesce(percentiles[3], 0) AS p99_ns, max_ns,
                       coalesce(100.0 * total_ns / nullif(sum(total_ns) OVER (), 0), 0) AS percent, f.list
                FROM summary s LEFT JOIN failures f ON s.syscall = f.syscall AND s.id IS NOT DISTINCT FROM f.id%5$s
                ORDER BY s.id NULLS FIRST, total_ns DESC, calls DESC, name""".formatted(
                key, calls, syscall, name.formatted("s"), naming.formatted("s"));
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                int id = result.getInt("id");
                rows.add(new Row(result.wasNull() ? null : id, result.getString("name"), result.getLong("calls"),
                        result.getLong("errors"), result.getLong("unfinished"), result.getBoolean("timed"), result.getLong("total_ns"),
                        result.getLong("min_ns"), result.getLong("avg_ns"), result.getLong("p50_ns"),
                        result.getLong("p95_ns"), result.getLong("p99_ns"), result.getLong("max_ns"),
                        result.getDouble("percent"), errnos(result.getString("list"))));
            }
        }
        return rows;
    }

    /** Whether a syscall number means the same syscall in every trace of the database. */
    private static boolean oneNumbering(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT count(DISTINCT nr) = count(*) FROM (SELECT DISTINCT nr, name FROM syscall_names)")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static Map<String, Long> errnos(String list) {
        Map<String, Long> errnos = new LinkedHashMap<>();
        if (list != null) {
            for (String item : list.split(",")) {
                int equals = item.indexOf('=');
                errnos.put(item.substring(0, equals), Long.parseLong(item.substring(equals + 1)));
            }
        }
        return errnos;
    }
}
