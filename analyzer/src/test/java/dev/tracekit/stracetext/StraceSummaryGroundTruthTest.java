package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * strace itself as the oracle: with -C it prints its lines and then its own -c table, so the calls
 * and errors per syscall imported from the lines must equal the table's at the end of the file.
 */
class StraceSummaryGroundTruthTest {
    @TempDir
    Path dir;

    @Test
    void callsAndErrorsPerSyscallEqualStracesOwnTable() throws Exception {
        for (String program : List.of("file_threads", "fork_exec", "syscall_tour", "signal_sleep")) {
            Path output = dir.resolve(program + ".txt");
            StraceOutput.toFile(List.of("-f", "-C", "-tt", "-T"), StraceOutput.program(program, dir), output);
            List<String> table = table(Files.readAllLines(output));
            assertTrue(table.size() > 3, program + ": strace printed its table");
            try (Imported imported = Imported.of(List.of(output))) {
                // strace counts a call that never returned (exit_group) nowhere; ERESTART* are errors
                List<String> imported1 = imported.rows("""
                        SELECT name || ' ' || count(*) FILTER (WHERE complete) || ' ' || count(*) FILTER (WHERE errno IS NOT NULL)
                        FROM syscalls GROUP BY name HAVING count(*) FILTER (WHERE complete) > 0 ORDER BY name""");
                assertEquals(table, imported1, program);
            }
        }
    }

    /** "name calls errors" for each row of the -c table, by name. */
    private static List<String> table(List<String> lines) {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("% time")) {
                inTable = true;
            } else if (inTable && !line.startsWith("------")) {
                String[] fields = line.trim().split(" +");
                String name = fields[fields.length - 1];
                if (name.equals("total")) {
                    break;
                }
                String errors = fields.length == 6 ? fields[4] : "0";
                rows.add(name + " " + fields[3] + " " + errors);
            }
        }
        rows.sort(null);
        return rows;
    }
}
