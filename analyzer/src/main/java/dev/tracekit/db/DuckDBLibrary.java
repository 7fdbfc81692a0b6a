package dev.tracekit.db;

import org.duckdb.DuckDBConnection;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.SQLException;

/**
 * Finds DuckDB's native library before DuckDB looks for it. tracekit's jar ships it beside
 * itself rather than inside (unpacking 57 MB per run cost 0.4 s); should it be missing, DuckDB
 * would print two stack traces, where a user needs one line saying what to do.
 */
final class DuckDBLibrary {
    private DuckDBLibrary() {
    }

    static void requirePresent() throws SQLException {
        String name = "libduckdb_java.so_linux_" + (System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64");
        if (DuckDBConnection.class.getResource("/" + name) != null) {
            return; // DuckDB's own jar, as on the test classpath: it unpacks the library itself
        }
        Path jarDirectory = jarDirectory();
        if (jarDirectory != null && !Files.isRegularFile(jarDirectory.resolve(name))) {
            throw new SQLException("DuckDB's native library " + name + " is missing beside " + jarDirectory
                    + "; build tracekit with `mvn -q -DskipTests package` and keep the jar in analyzer/target,"
                    + " or copy the library next to it");
        }
    }

    private static Path jarDirectory() {
        CodeSource source = DuckDBConnection.class.getProtectionDomain().getCodeSource();
        try {
            return source == null ? null : Path.of(source.getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
