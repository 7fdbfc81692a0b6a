package dev.tracekit.stracetext;

import dev.tracekit.report.StraceCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Text of strace -c alone holds only the table: it is stored, and the summary prints it as
     * strace did, each row with the same values under the same headers (in strace's default order
     * of columns, whichever order -U chose). The total's times are the rows' sums, which may differ
     * from strace's in the last digit: strace sums before it rounds.
     */
    @Test
    void aDashCTableIsStoredAndSummarizedAsStracePrintedIt() throws Exception {
        List<List<String>> optionSets = List.of(List.of("-f", "-c"),
                List.of("-f", "-c", "-w", "-U", "name,calls,errors,total-time,avg-time,min-time,max-time"));
        for (List<String> options : optionSets) {
            Path output = dir.resolve("counts.txt");
            StraceOutput.toFile(options, StraceOutput.program("fork_exec", dir), output);
            List<String> file = Files.readAllLines(output);
            try (Imported imported = Imported.of(List.of(output))) {
                assertEquals(table(file), imported.rows("""
                        SELECT syscall || ' ' || calls || ' ' || errors FROM strace_counts ORDER BY syscall"""), options.toString());
                StringWriter printed = new StringWriter();
                StraceCounts.print(new PrintWriter(printed, true), StraceCounts.read(imported.database.connection()));
                List<String> summary = printed.toString().lines().skip(1).toList();
                assertEquals(cells(file, false), cells(summary, false), options.toString());
                assertEquals(cells(file, true), cells(summary, true), options.toString());
            }
        }
    }

    /**
     * "name calls errors" for each row of the -c table, by name: read by the columns its rule
     * marks out, a way of reading it apart from the importer's.
     */
    private static List<String> table(List<String> lines) {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : rows(lines, false)) {
            String errors = row.get("errors");
            rows.add(row.get("syscall") + " " + row.get("calls") + " " + (errors.isEmpty() ? "0" : errors));
        }
        rows.sort(null);
        return rows;
    }

    /** Each row's "header=value" cells, sorted; or the total's calls and errors. */
    private static List<String> cells(List<String> lines, boolean total) {
        List<String> cells = new ArrayList<>();
        for (Map<String, String> row : rows(lines, total)) {
            List<String> named = new ArrayList<>();
            row.forEach((header, value) -> {
                if (!total || List.of("syscall", "calls", "errors").contains(header)) {
                    named.add(header + "=" + value);
                }
            });
            named.sort(null);
            cells.add(String.join(" ", named));
        }
        cells.sort(null);
        return cells;
    }

    /** The rows of the first table, or its total, each by header, cut where its rule's dashes mark the columns. */
    private static List<Map<String, String>> rows(List<String> lines, boolean total) {
        int rule = 1;
        while (!(lines.get(rule).startsWith("---") && !lines.get(rule - 1).startsWith("---"))) {
            rule++;
        }
        List<int[]> spans = new ArrayList<>();
        Matcher dashes = Pattern.compile("-+").matcher(lines.get(rule));
        while (dashes.find()) {
            spans.add(new int[] {dashes.start(), dashes.end()});
        }
        List<String> header = fields(lines.get(rule - 1), spans);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(rule + 1, lines.size())) {
            if (line.startsWith("---")) {
                continue;
            }
            List<String> fields = fields(line, spans);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            if (row.get("syscall").equals("total") == total) {
                rows.add(row);
            }
            if (row.get("syscall").equals("total")) {
                break;
            }
        }
        return rows;
    }

    private static List<String> fields(String line, List<int[]> spans) {
        List<String> fields = new ArrayList<>();
        for (int[] span : spans) {
            fields.add(line.substring(Math.min(span[0], line.length()), Math.min(span[1], line.length())).strip());
        }
        return fields;
    }
}
