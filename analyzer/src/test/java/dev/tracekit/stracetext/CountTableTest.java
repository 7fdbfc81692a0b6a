package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** -c and -C tables in strace's layouts: its six columns, -U's choice and order, blank errors, a personality. */
class CountTableTest {
    /** The lines given, one parser for all, as "KIND" or "COUNT syscall calls errors total avg min max percent". */
    private static List<String> read(String... lines) {
        LineParser parser = new LineParser(new Clock(ZoneOffset.UTC, LocalDateTime.of(2024, 3, 1, 12, 0)));
        Line line = new Line();
        List<String> kinds = new ArrayList<>();
        for (String text : lines) {
            if (!parser.parse(text, line)) {
                kinds.add("ERROR " + line.error);
            } else if (line.kind == Line.Kind.COUNT) {
                CountTable.Count c = line.count;
                kinds.add(String.join(" ", "COUNT", c.personality() + "", c.syscall(), c.calls() + "", c.errors() + "",
                        c.totalNs() + "", c.avgNs() + "", c.minNs() + "", c.maxNs() + "", c.timePercent() + ""));
            } else {
                kinds.add(line.kind.name());
            }
        }
        return kinds;
    }

    @Test
    void stracesDefaultTableWithBlankErrorsAndItsTotalLeftOut() {
        assertEquals(List.of("OTHER", "OTHER",
                        "COUNT null openat 34 13 184000 5000 null null 36.36",
                        "COUNT null close 23 0 88000 3000 null null 17.39",
                        "OTHER", "OTHER", "CALL"),
                read("% time     seconds  usecs/call     calls    errors syscall",
                        "------ ----------- ----------- --------- --------- ----------------",
                        " 36.36    0.000184           5        34        13 openat",
                        " 17.39    0.000088           3        23           close",
                        "------ ----------- ----------- --------- --------- ----------------",
                        "100.00    0.000272           4        57        13 total",
                        "getpid() = 1"));
    }

    @Test
    void dashUsColumnsInItsOrderAndLongNames() {
        assertEquals(List.of("OTHER", "OTHER",
                        "COUNT null io_uring_register 2 2 null 16000 null 35000 null",
                        "COUNT null mmap 30 0 null 19000 null 34000 null",
                        "OTHER", "OTHER"),
                read("syscall              calls    errors  usecs/call  longest",
                        "---------------- --------- --------- ----------- --------",
                        "io_uring_register        2         2          16 0.000035",
                        "mmap                    30                    19 0.000034",
                        "---------------- --------- --------- ----------- --------",
                        "total                   32         2          19 0.000035"));
    }

    @Test
    void aPersonalitysTable() {
        assertEquals(List.of("OTHER", "OTHER", "OTHER", "COUNT 32 bit mode read 7 0 null null null null null"),
                read("System call usage summary for 32 bit mode:",
                        "    calls    errors syscall",
                        "--------- --------- ----------------",
                        "        7           read"));
    }

    @Test
    void aLineLikeAHeaderWithNoRuleAfterItIsNotATable() {
        List<String> kinds = read("calls errors", "getpid() = 1");
        assertEquals("CALL", kinds.get(1));
    }

    @Test
    void aRowThatDoesNotFitItsHeaderIsAnError() {
        List<String> kinds = read("    calls    errors syscall", "--------- --------- ----------------", "        7 x y z read");
        assertEquals("ERROR a row of a -c table whose fields do not match its header", kinds.get(2));
    }
}
