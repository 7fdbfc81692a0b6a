package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample programs under the installed strace in many output modes: every line is understood,
 * and every call becomes one row. The count of calls comes from a pattern of this test's own,
 * not from the parser under test.
 */
class StraceCorpusTest {
    /** The start of a call's line, after any prefix: what strace writes once per call. */
    private static final Pattern CALL_START = Pattern.compile(
            "^(?:\\[pid +\\d+(?:<[^>]*>)?\\] |\\d+(?:<[^>]*>)? +)?(?: *[\\d:.]+ (?:\\(\\+ *[\\d.]+\\) )?)?"
                    + "(?:\\[ *\\d+\\] )?(?:\\[[0-9a-f?]{16}\\] )?[a-z_0-9]+\\(");
    private static final List<String> PROGRAMS = List.of("fork_exec", "file_threads", "signal_sleep", "syscall_tour");

    @TempDir
    Path dir;

    static Stream<List<String>> modes() {
        return Stream.of(List.of("-f"), List.of("-f", "-tt", "-T"), List.of("-f", "-t"), List.of("-f", "-ttt", "-T"),
                List.of("-f", "-r"), List.of("-f", "--timestamps=unix,ns", "-T"), List.of("-f", "-r", "--timestamps=ns"),
                List.of("-f", "-n"), List.of("-f", "-i"), List.of("-f", "-n", "-i", "-tt"), List.of("-f", "-y"),
                List.of("-f", "-yy"), List.of("-f", "-x"), List.of("-f", "-xx"), List.of("-f", "-X", "raw"),
                List.of("-f", "-X", "verbose"), List.of("-f", "-s", "4"), List.of("-f", "-Y"), List.of("-f", "-v"),
                List.of("-f", "-k"), List.of("-f", "-e", "read=all", "-e", "write=all"), List.of("-f", "-C", "-T"),
                List.of("-f", "-e", "trace=%file,%process"), List.of("-f", "-z"), List.of("-f", "-Z"), List.of("-f", "-q"));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void everyLineOfEveryProgramIsUnderstood(List<String> options) throws Exception {
        for (String program : PROGRAMS) {
            Path output = dir.resolve(program + ".txt");
            StraceOutput.toFile(options, StraceOutput.program(program, dir), output);
            assertAllUnderstood(List.of(output), options + " " + program);
        }
    }

    @Test
    void stderrWithPidAndCommPrefixes() throws Exception {
        for (List<String> options : List.of(List.of("-f", "-tt", "-T"), List.of("-f", "-Y"))) {
            for (String program : List.of("fork_exec", "file_threads")) {
                Path output = dir.resolve(program + ".err");
                StraceOutput.toStderr(options, StraceOutput.program(program, dir), output);
                assertTrue(Files.readString(output).contains("[pid "), "the lines have [pid N] prefixes");
                assertAllUnderstood(List.of(output), options + " " + program + " on stderr");
            }
        }
    }

    @Test
    void aDirectoryOfDashFfFilesIsOneTraceWithTheTidsOfTheFileNames() throws Exception {
        Path ff = Files.createDirectory(dir.resolve("ff"));
        StraceOutput.toFile(List.of("-ff", "-tt", "-T"), StraceOutput.program("fork_exec", dir), ff.resolve("trace"));
        List<Path> files;
        try (Stream<Path> list = Files.list(ff)) {
            files = list.sorted().toList();
        }
        assertEquals(4, files.size(), "one file per process: " + files);
        try (Imported imported = assertAllUnderstood(files, "-ff")) {
            List<String> expected = new ArrayList<>();
            for (Path file : files) {
                String tid = file.getFileName().toString().substring("trace.".length());
                long calls = Files.readAllLines(file).stream().filter(l -> CALL_START.matcher(l).find()).count();
                expected.add(tid + "|" + calls);
            }
            assertEquals(expected, imported.rows("SELECT tid, count(*) FROM syscalls GROUP BY tid ORDER BY tid::VARCHAR"));
            assertEquals(List.of("3"), imported.rows("SELECT count(*) FROM processes WHERE exe = '/bin/true'"));
        }
    }

    private Imported assertAllUnderstood(List<Path> files, String what) throws Exception {
        long calls = 0;
        for (Path file : files) {
            calls += Files.readAllLines(file).stream().filter(l -> CALL_START.matcher(l).find()).count();
        }
        Imported imported = Imported.of(files);
        assertEquals(List.of(), imported.rows("SELECT line_number || ': ' || reason || ': ' || line FROM import_errors"), what);
        assertTrue(calls > 0, what + ": strace wrote calls");
        assertEquals(calls, imported.result.calls(), what + ": one row per call");
        assertEquals(List.of("0"), imported.rows("SELECT count(*) FROM syscalls WHERE pid IS NULL OR name IS NULL"), what);
        return imported;
    }
}
