package dev.tracekit.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The programs under samples/, C ones compiled with gcc on first use into target/samples/. */
final class Samples {
    private static final Path REPO = findRepo();
    private static final Path BUILT = REPO.resolve("recorder/target/samples");

    private Samples() {
    }

    static Path repo() {
        return REPO;
    }

    static Path source(String relative) {
        return REPO.resolve("samples").resolve(relative);
    }

    /** Compiles samples/c/NAME.c (once per run) and returns the executable. */
    static synchronized Path c(String name) throws IOException, InterruptedException {
        Path binary = BUILT.resolve(name);
        Path source = source("c/" + name + ".c");
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
