package dev.tracekit.db;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Syscall names of one trace's architecture by number. An array, as the importer looks one up
 * for every call; numbers the table lacks get {@code syscall_0x1c4} and are remembered, so
 * {@code syscall_names} can name every number the trace holds.
 */
final class SyscallNames {
    private final SyscallTable table;
    private final String[] known;
    private final Map<Integer, String> unknownSeen = new TreeMap<>();

    SyscallNames(SyscallTable table) {
        this.table = table;
        int highest = table.all().isEmpty() ? 0 : table.all().get(table.all().size() - 1).number();
        known = new String[highest + 1];
        for (SyscallInfo info : table.all()) {
            known[info.number()] = info.name();
        }
    }

    String of(int number) {
        if (number >= 0 && number < known.length && known[number] != null) {
            return known[number];
        }
        return unknownSeen.computeIfAbsent(number, table::displayName);
    }

    void write(DuckDBConnection connection, int traceId) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_names")) {
            for (SyscallInfo info : table.all()) {
                appender.beginRow().append(traceId).append(info.number()).append(info.name()).endRow();
            }
            for (Map.Entry<Integer, String> unknown : unknownSeen.entrySet()) {
                appender.beginRow().append(traceId).append(unknown.getKey().intValue()).append(unknown.getValue()).endRow();
            }
        }
    }
}
