package dev.tracekit.stracetext;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Syscall numbers for the names strace printed, through the x86_64 table, so {@code nr} and
 * {@code syscall_names} mean what they do for a log. {@code syscall_0x1c4} is number 0x1c4; a
 * name the table lacks gets a negative number of its own and still imports.
 */
final class SyscallNumbers {
    private final SyscallTable table;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<Integer, String> extra = new TreeMap<>();

    SyscallNumbers(SyscallTable table) {
        this.table = table;
        for (SyscallInfo info : table.all()) {
            numbers.put(info.name(), info.number());
        }
    }

    int of(String name) {
        Integer known = numbers.get(name);
        if (known != null) {
            return known;
        }
        int number = name.startsWith("syscall_0x") ? parseHex(name.substring(10)) : -1;
        if (number < 0 || table.byNumber(number).isPresent()) {
            number = -1 - extra.keySet().stream().filter(n -> n < 0).mapToInt(n -> -n).max().orElse(0);
        }
        numbers.put(name, number);
        extra.put(number, name);
        return number;
    }

    private static int parseHex(String digits) {
        try {
            return digits.isEmpty() || digits.length() > 7 ? -1 : Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void write(DuckDBConnection connection, int traceId) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_names")) {
            for (SyscallInfo info : table.all()) {
                appender.beginRow().append(traceId).append(info.number()).append(info.name()).endRow();
            }
            for (Map.Entry<Integer, String> name : extra.entrySet()) {
                appender.beginRow().append(traceId).append(name.getKey().intValue()).append(name.getValue()).endRow();
            }
        }
    }
}
