package dev.tracekit.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.tracekit.db.Database;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * AppenderCeiling [ROWS [DBFILE]]: how fast DuckDB's Java appender alone fills {@code syscall_rows},
 * with nothing decoded or rendered: the most an import through it can reach. Appends ROWS rows
 * (default 3 million) shaped like real calls in one transaction, with an argument text of
 * strace's typical length and, for comparison, with none; prints the median of 3 rounds as
 * rows per wall second and CPU microseconds per row (DuckDB compresses on a thread of its own).
 * Into memory, or with DBFILE into a new database file with the 64 MB buffer pool imports use
 * (DuckDB compresses what it writes to a file, not what it keeps in memory). With
 * {@code -Dduckdb.threads=1}, on one DuckDB thread, as strace text imports load.
 */
public final class AppenderCeiling {
    private static final long WALL_START = 1_764_201_600_000_000_000L;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private AppenderCeiling() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        Path file = args.length > 1 ? Path.of(args[1]) : null;
        String[] texts = argumentTexts();
        System.out.printf("%-26s %12s %12s%n", "appender, " + rows + " rows" + (file == null ? "" : ", file"), "rows/s",
                "CPU us/row");
        for (boolean withText : new boolean[] {true, false}) {
            double[] rates = new double[3];
            double[] cpu = new double[3];
            for (int round = 0; round < 3; round++) {
                long cpuStart = OS.getProcessCpuTime();
                long start = System.nanoTime();
                append(rows, withText ? texts : null, file);
                rates[round] = rows / ((System.nanoTime() - start) / 1e9);
                cpu[round] = (OS.getProcessCpuTime() - cpuStart) / 1e3 / rows;
            }
            Arrays.sort(rates);
            Arrays.sort(cpu);
            System.out.printf("%-26s %12.0f %12.2f%n", withText ? "with argument text" : "argument text NULL",
                    rates[1], cpu[1]);
        }
    }

    /** Texts of 20 to 60 characters, as strace's arguments mostly are, each made unique by a row number. */
    private static String[] argumentTexts() {
        String[] texts = new String[4096];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = i % 3 == 0 ? "3, \"line " + i + " of the file\\n\", 4096"
                    : i % 3 == 1 ? "AT_FDCWD, \"/usr/lib/x86_64-linux-gnu/lib" + i + ".so\", O_RDONLY|O_CLOEXEC"
                    : i + ", {st_mode=S_IFREG|0644, st_size=" + i * 7 + ", ...}";
        }
        return texts;
    }

    private static void append(int rows, String[] texts, Path file) throws SQLException, IOException {
        if (file != null) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
        }
        try (Database database = Database.open(file)) {
            DuckDBConnection connection = database.connection();
            if (file != null) {
                execute(connection, "SET memory_limit = '64MB'");
            }
            Integer threads = Integer.getInteger("duckdb.threads");
            if (threads != null) {
                execute(connection, "SET threads = " + threads);
            }
            execute(connection, "BEGIN TRANSACTION");
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "syscall_rows")) {
                for (int i = 0; i < rows; i++) {
                    appender.beginRow().append(1).append(1000 + (i & 3)).appendEpochNanos(WALL_START + i * 1500L)
                            .append((long) (800 + i % 977)).append(i % 23).append(texts == null ? null : texts[i & 4095] + i)
                            .append((long) (i % 4096)).append((String) null).appendNull().appendNull().endRow();
                }
            }
            execute(connection, "COMMIT");
        }
    }

    private static void execute(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
