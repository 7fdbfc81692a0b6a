package dev.tracekit.syscalls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The table has exactly the system calls of the installed kernel header, no more, no fewer. */
class KernelHeaderTest {
    private static final List<Path> HEADERS = List.of(
            Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
            Path.of("/usr/include/asm/unistd_64.h"));
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+__NR_(\\w+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    @Test
    void tableMatchesUnistd64() throws IOException {
        Map<Integer, String> header = headerSyscalls();
        Map<Integer, String> table = new TreeMap<>();
        SyscallTable.forArch("x86_64").all().forEach(info -> table.put(info.number(), info.name()));

        List<String> problems = new ArrayList<>();
        header.forEach((number, name) -> {
            String row = table.get(number);
            if (row == null) {
                problems.add("no row for " + number + " " + name);
            } else if (!row.equals(name)) {
                problems.add("row " + number + " is " + row + ", the header says " + name);
            }
        });
        table.forEach((number, name) -> {
            if (!header.containsKey(number)) {
                problems.add("row " + number + " " + name + " is not in the header");
            }
        });
        assertEquals(List.of(), problems, "syscalls-x86_64.tbl against " + installedHeader());
    }

    private static Map<Integer, String> headerSyscalls() throws IOException {
        Matcher define = DEFINE.matcher(Files.readString(installedHeader()));
        Map<Integer, String> syscalls = new TreeMap<>();
        while (define.find()) {
            syscalls.put(Integer.parseInt(define.group(2)), define.group(1));
        }
        if (syscalls.size() < 300) {
            fail(installedHeader() + " defines only " + syscalls.size() + " __NR_ numbers; is it the real header?");
        }
        return syscalls;
    }

    private static Path installedHeader() {
        return HEADERS.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError(
                "no unistd_64.h at " + HEADERS + ": install the Debian package linux-libc-dev"
                        + " (apt-get install linux-libc-dev); this test checks the syscall table against it"));
    }
}
