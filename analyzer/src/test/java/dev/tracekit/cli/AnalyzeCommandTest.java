package dev.tracekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void summaryJsonHasTheDocumentedKeysAndExactLatencies() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString(), "--summary", "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out());
        JsonNode read = find(rows, "read");
        assertEquals(100, read.get("calls").asLong());
        assertEquals(0, read.get("errors").asLong());
        assertEquals(5_050_000, read.get("total_ns").asLong());
        assertEquals(1_000, read.get("min_ns").asLong());
        assertEquals(50_500, read.get("avg_ns").asLong());
        assertEquals(50_000, read.get("p50_ns").asLong());
        assertEquals(95_000, read.get("p95_ns").asLong());
        assertEquals(99_000, read.get("p99_ns").asLong());
        assertEquals(100_000, read.get("max_ns").asLong());
        JsonNode openat = find(rows, "openat");
        assertEquals(10, openat.get("calls").asLong());
        assertEquals(3, openat.get("errors").asLong());
        assertEquals(3, openat.get("errnos").get("ENOENT").asLong());
        JsonNode exitGroup = find(rows, "exit_group");
        assertEquals(0, exitGroup.get("calls").asLong(), "calls counts returned calls, as strace -c");
        assertEquals(1, exitGroup.get("unfinished").asLong());
        assertEquals("read", rows.get(0).get("syscall").asText(), "sorted by total time");
    }

    @Test
    void summaryTextReadsLikeStraceC() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("wall-clock time per call"), lines.get(0));
        assertTrue(lines.get(1).startsWith("% time     seconds  usecs/call     calls    errors syscall"), lines.get(1));
        assertTrue(lines.get(3).startsWith(" 99.02    0.005050          50       100           read "), lines.get(3));
        assertTrue(lines.get(lines.size() - 1).startsWith("100.00    0.005100          46       110         3 total"),
                lines.get(lines.size() - 1));
    }

    @Test
    void summaryByThread() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString(), "--by", "thread", "--format", "csv");
        List<String> lines = run.out().lines().toList();
        assertEquals("tid,syscall,calls,errors,unfinished,total_ns,min_ns,avg_ns,p50_ns,p95_ns,p99_ns,max_ns,percent,errnos", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(TestLogs.WORKER + ",openat,10,3,0,50000,")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(TestLogs.PID + ",read,100,0,0,5050000,")), run.out());
    }

    @Test
    void sqlInEveryFormat() throws Exception {
        Path log = TestLogs.known(dir, "a.trace");
        String query = "SELECT name, count(*) AS n FROM syscalls GROUP BY name ORDER BY n DESC, name";
        CliRun text = CliRun.of("analyze", log.toString(), "--sql", query);
        assertEquals(List.of("name         n", "---------- ---", "read       100", "openat      10", "exit_group   1", "(3 rows)"),
                text.out().lines().toList());
        CliRun csv = CliRun.of("analyze", log.toString(), "--sql", query, "--format", "csv");
        assertEquals("name,n\r\nread,100\r\nopenat,10\r\nexit_group,1\r\n", csv.out());
        CliRun json = CliRun.of("analyze", log.toString(), "--sql", "SELECT pid, argv FROM processes", "--format", "json");
        JsonNode row = new ObjectMapper().readTree(json.out()).get(0);
        assertEquals(TestLogs.PID, row.get("pid").asInt());
        assertEquals("demo", row.get("argv").get(0).asText());
    }

    @Test
    void threadsBelongToTheirProcess() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString(), "--format", "csv", "--sql",
                "SELECT DISTINCT tid, pid FROM syscalls ORDER BY tid");
        assertEquals("tid,pid\r\n100,100\r\n101,100\r\n", run.out());
    }

    @Test
    void databaseFileIsQueriedAgainWithoutImporting() throws Exception {
        Path log = TestLogs.known(dir, "a.trace");
        Path db = dir.resolve("a.duckdb");
        assertEquals(ExitCode.OK, CliRun.of("analyze", log.toString(), "--db", db.toString()).exitCode());
        CliRun again = CliRun.of("analyze", db.toString(), "--sql", "SELECT count(*) AS traces FROM traces", "--format", "csv");
        assertEquals("traces\r\n1\r\n", again.out());
        CliRun reimport = CliRun.of("analyze", log.toString(), "--db", db.toString(), "--sql", "SELECT count(*) FROM syscalls", "--format", "csv");
        assertTrue(reimport.err().contains("already in the database as trace 1"), reimport.err());
        assertTrue(reimport.out().endsWith("\r\n111\r\n"), reimport.out());
        CliRun second = CliRun.of("analyze", TestLogs.known(dir, "b.trace").toString(), "--db", db.toString(),
                "--sql", "SELECT count(DISTINCT trace_id) FROM syscalls", "--format", "csv");
        assertTrue(second.out().endsWith("\r\n1\r\n"), "the same recording again is the same trace: " + second.out());
    }

    @Test
    void parquetExportIsPartitionedByHostAndTrace() throws Exception {
        Path out = dir.resolve("parquet");
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString(), "--parquet", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
             var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), any_value(host) FROM read_parquet('"
                     + out.resolve("syscalls") + "/**/*.parquet', hive_partitioning = true)")) {
            result.next();
            assertEquals(111, result.getLong(1));
            assertEquals("testhost", result.getString(2));
        }
    }

    @Test
    void truncatedLogWarnsThenReports() throws Exception {
        Path log = TestLogs.known(dir, "a.trace");
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 2));
        CliRun run = CliRun.of("analyze", log.toString(), "--format", "csv");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: warning: " + log + ": truncated: "), run.err());
    }

    @Test
    void corruptLogIsOneLineAndExitThree() throws Exception {
        Path log = TestLogs.known(dir, "a.trace");
        byte[] bytes = Files.readAllBytes(log);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(log, bytes);
        CliRun run = CliRun.of("analyze", log.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().matches("tracekit: " + java.util.regex.Pattern.quote(log.toString())
                + ": corrupt chunk at offset \\d+: .*\\R"), run.err());
        assertFalse(run.err().contains("Exception"));
    }

    @Test
    void notALogIsExitThree() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        CliRun run = CliRun.of("analyze", text.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: " + text + ": not a tracekit log"), run.err());
    }

    @Test
    void badQueryIsExitOneWithTheDatabasesMessage() throws Exception {
        CliRun run = CliRun.of("analyze", TestLogs.known(dir, "a.trace").toString(), "--sql", "SELECT nope FROM syscalls");
        assertEquals(ExitCode.FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("tracekit: query failed: Binder Error: "), run.err());
        assertEquals(1, run.err().lines().count());
    }

    private static JsonNode find(JsonNode rows, String syscall) {
        for (JsonNode row : rows) {
            if (row.get("syscall").asText().equals(syscall)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + syscall + " in " + rows);
    }
}
