package dev.tracekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** analyze on strace text: detected by content, the same outputs as a log, mixed with logs, bad input refused. */
class AnalyzeStraceTextTest {
    private static final Pattern LEADER = Pattern.compile("^(\\d+ +[\\d:.]+ )(\\[ *\\d+\\] )?(.*)$");

    @TempDir
    Path dir;

    @Test
    void roundTripThroughTheDatabaseGivesStracesLinesBack() throws Exception {
        for (String program : List.of("fork_exec", "file_threads", "syscall_tour", "signal_sleep")) {
            Path text = strace(program, List.of("-f", "-tt", "-T"));
            CliRun run = CliRun.of("analyze", text.toString(), "--strace");
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertEquals(normalize(Files.readAllLines(text)), normalize(run.out().lines().toList()), program);
        }
    }

    /** strace -n: every line's number, signal and exit lines included, comes back as strace printed it. */
    @Test
    void roundTripOfSyscallNumbers() throws Exception {
        for (String program : List.of("fork_exec", "signal_sleep")) {
            Path text = strace(program, List.of("-f", "-n", "-tt", "-T"));
            CliRun run = CliRun.of("analyze", text.toString(), "--strace", "-n");
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(Files.readString(text).contains("] --- SIG"), "the text has a signal line to check");
            assertEquals(normalize(Files.readAllLines(text)), normalize(run.out().lines().toList()), program);
        }
    }

    /**
     * What the programs above may not show: a call split around another thread's line, one never
     * resumed, one resumed only to end with {@code = ?}, an octal result, a thread's own exit
     * code, a kill, and a signal in strace's older words.
     */
    @Test
    void roundTripKeepsHowStraceSplitAndEndedEachCall() throws Exception {
        List<String> lines = List.of(
                "300   10:00:00.000001 umask(077)               = 022",
                "300   10:00:00.000002 read(0,  <unfinished ...>",
                "301   10:00:00.000003 write(1, \"x\", 1)         = 1",
                "300   10:00:00.000004 <... read resumed>\"y\", 8) = 1",
                "301   10:00:00.000005 futex(0x7f00, FUTEX_WAIT, 0, NULL <unfinished ...>",
                "302   10:00:00.000006 nanosleep({tv_sec=9, tv_nsec=0},  <unfinished ...>",
                "300   10:00:00.000007 --- SIGCHLD (Child exited) @ 0 (0) ---",
                "302   10:00:00.000008 +++ exited with 3 +++",
                "300   10:00:00.000009 exit_group(2)            = ?",
                "301   10:00:00.000010 <... futex resumed>)     = ?",
                "301   10:00:00.000011 +++ exited with 2 +++",
                "300   10:00:00.000012 +++ killed by SIGKILL +++");
        Path text = dir.resolve("edges.strace.txt");
        Files.write(text, lines);
        CliRun run = CliRun.of("analyze", text.toString(), "--strace");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(normalize(lines), normalize(run.out().lines().toList()));
    }

    /** Without -f strace prints no pid: the tid glibc's set_tid_address returns names the thread. */
    @Test
    void textWithoutPidsGetsTheTidItsCallsReturn() throws Exception {
        Path text = dir.resolve("plain.strace.txt");
        Process strace = new ProcessBuilder("strace", "-o", text.toString(), "sh", "-c", "echo $$").start();
        String pid = new String(strace.getInputStream().readAllBytes()).strip();
        assertTrue(strace.waitFor(60, TimeUnit.SECONDS), "strace finished");
        CliRun run = CliRun.of("analyze", text.toString(), "--sql",
                "SELECT (SELECT string_agg(DISTINCT tid::VARCHAR, ',') FROM syscalls) || ' ' || "
                        + "(SELECT string_agg(pid || ':' || exit_code, ',') FROM processes)", "--format", "csv");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(pid + " " + pid + ":0", run.out().lines().toList().get(1));
    }

    /** A database given alone prints what it stored: the same lines as the strace text it was imported from. */
    @Test
    void straceOfADatabasePrintsItsStoredCalls() throws Exception {
        Path text = strace("fork_exec", List.of("-f", "-tt", "-T"));
        Path database = dir.resolve("kept.duckdb");
        assertEquals(ExitCode.OK, CliRun.of("analyze", text.toString(), "--db", database.toString(), "--sql", "SELECT 1").exitCode());
        CliRun run = CliRun.of("analyze", database.toString(), "--strace");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(normalize(Files.readAllLines(text)), normalize(run.out().lines().toList()));
    }

    @Test
    void summaryAndSqlOnStraceText() throws Exception {
        Path text = strace("fork_exec", List.of("-f", "-T"));
        CliRun run = CliRun.of("analyze", text.toString(), "--summary", "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out());
        long execs = 0;
        for (JsonNode row : rows) {
            execs += row.get("syscall").asText().equals("execve") ? row.get("calls").asLong() : 0;
        }
        assertEquals(4, execs, "the program and its three children");
        CliRun sql = CliRun.of("analyze", text.toString(), "--sql",
                "SELECT source, complete FROM traces", "--format", "csv");
        assertEquals("source,complete\r\nstrace,true\r\n", sql.out());
    }

    /** Without -T the text has no durations: the summary says so and leaves the times empty, not zero. */
    @Test
    void summaryOfTextWithoutDurationsHasNoTimes() throws Exception {
        Path text = strace("fork_exec", List.of("-f"));
        CliRun json = CliRun.of("analyze", text.toString(), "--summary", "--format", "json");
        assertEquals(ExitCode.OK, json.exitCode(), json.err());
        for (JsonNode row : new ObjectMapper().readTree(json.out())) {
            assertTrue(row.get("calls").asLong() + row.get("unfinished").asLong() > 0, row.toString());
            assertTrue(row.get("total_ns").isNull() && row.get("p99_ns").isNull() && row.get("percent").isNull(), row.toString());
        }
        CliRun summary = CliRun.of("analyze", text.toString());
        assertTrue(summary.out().startsWith("no call has a duration (strace text without -T)"), summary.out());
    }

    @Test
    void logsAndStraceTextInOneDatabaseEachWithItsOwnTrace() throws Exception {
        Path log = TestLogs.known(dir, "a.trace");
        Path text = strace("fork_exec", List.of("-f", "-tt", "-T"));
        Path db = dir.resolve("mixed.duckdb");
        CliRun run = CliRun.of("analyze", log.toString(), text.toString(), "--db", db.toString(), "--sql",
                "SELECT t.trace_id, t.source, count(*) FROM traces t JOIN syscalls s USING (trace_id) GROUP BY ALL ORDER BY 1",
                "--format", "csv");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(1).startsWith("1,tracekit,111"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,strace,"), lines.get(2));
        CliRun again = CliRun.of("analyze", text.toString(), "--db", db.toString(), "--sql", "SELECT count(*) FROM traces");
        assertTrue(again.err().contains("already in the database as trace 2"), again.err());
    }

    @Test
    void aDirectoryOfDashFfOutputIsOneTrace() throws Exception {
        Path ff = Files.createDirectory(dir.resolve("ff"));
        runStrace(List.of("-ff", "-tt", "-T", "-o", ff.resolve("run").toString(), "--", Samples.c("fork_exec").toString()));
        CliRun run = CliRun.of("analyze", ff.toString(), "--sql", "SELECT count(*), count(DISTINCT tid) FROM syscalls",
                "--format", "csv");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().endsWith(",4\r\n"), run.out());
    }

    @Test
    void linesNotUnderstoodAreSkippedListedAndCounted() throws Exception {
        Path text = dir.resolve("damaged.txt");
        Files.write(text, List.of("123 getpid() = 123", "123 this is not strace", "123 read(3, \"x\", 1 = 1",
                "123 exit_group(0) = ?", "123 +++ exited with 0 +++"));
        CliRun run = CliRun.of("analyze", text.toString(), "--sql", "SELECT line_number, reason FROM import_errors ORDER BY 1",
                "--format", "csv");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("line_number,reason\r\n2,\"no call, signal or exit here\"\r\n3,no closing parenthesis\r\n", run.out());
        assertTrue(run.err().contains("skipped 2 of 5 lines"), run.err());
    }

    @Test
    void aFileThatIsNeitherLogNorDatabaseNorStraceTextIsOneLineAndExit3() throws Exception {
        Path prose = dir.resolve("notes.txt");
        Files.writeString(prose, "Dear diary,\ntoday I ran strace.\n");
        Path binary = dir.resolve("blob.bin");
        Files.write(binary, new byte[] {1, 2, 0, 3});
        for (Path file : List.of(prose, binary, dir.resolve("missing.txt"))) {
            CliRun run = CliRun.of("analyze", file.toString());
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
            List<String> err = run.err().lines().toList();
            assertEquals(1, err.size(), run.err());
            assertTrue(err.get(0).startsWith("tracekit: " + file + ": "), err.get(0));
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    private Path strace(String program, List<String> options) throws IOException, InterruptedException {
        Path output = dir.resolve(program + ".strace.txt");
        List<String> argv = new ArrayList<>(options);
        argv.addAll(List.of("-o", output.toString(), "--", Samples.c(program).toString()));
        runStrace(argv);
        return output;
    }

    private static void runStrace(List<String> options) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("strace"));
        argv.addAll(options);
        Process strace = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(strace.waitFor(60, TimeUnit.SECONDS), "strace finished");
        assertEquals(0, strace.exitValue(), "strace " + argv);
    }

    /**
     * Spacing collapsed; a child's CPU times left out of SIGCHLD's siginfo (not kept); lines in
     * time order, those of one microsecond by text.
     */
    private static List<String> normalize(List<String> lines) {
        List<String> normalized = new ArrayList<>();
        for (String line : lines) {
            normalized.add(line.replaceAll(", si_utime=\\d+, si_stime=\\d+", "").replaceAll(" +", " "));
        }
        normalized.sort(Comparator.comparing((String line) -> {
            Matcher leader = LEADER.matcher(line);
            return leader.matches() ? leader.group(1).split(" ")[1] : "";
        }).thenComparing(Comparator.naturalOrder()));
        return normalized;
    }
}
