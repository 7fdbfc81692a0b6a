package dev.tracekit.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The programs under samples/, C ones compiled with gcc on first use into recorder/target/samples/.
 * Public: the analyzer's tests trace the same programs.
 */
public final class Samples {
    private static final Path REPO = findRepo();
    private static final Path BUILT = REPO.resolve("recorder/target/samples");

    private Samples() {
    }

    public static Path repo() {
        return REPO;
    }

    public static Path source(String relative) {
        return REPO.resolve("samples").resolve(relative);
    }

    /** Compiles samples/c/NAME.c (once per run) and returns the executable. */
    public static Path c(String name) throws IOException, InterruptedException {
        return compile(name, source("c/" + name + ".c"));
    }

    /** Compiles a C file with gcc into NAME, unless an executable newer than the source is there. */
    public static synchronized Path compile(String name, Path source) throws IOException, InterruptedException {
        Path binary = BUILT.resolve(name);
        if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return binary;
        }
        Files.createDirectories(BUILT);
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-pthread", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("gcc is needed to build the samples (apt-get install gcc): " + e.getMessage(), e);
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed on " + source + ":\n" + output);
        }
        return binary;
    }

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no samples/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
