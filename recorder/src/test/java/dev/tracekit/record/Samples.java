package dev.tracekit.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    public static Path compile(String name, Path source) throws IOException, InterruptedException {
        return compile(name, source, List.of());
    }

    /**
     * Compiles samples/c/SOURCE (.c with gcc, .cpp with g++) with extra flags after the default
     * ones (so -fno-omit-frame-pointer or -no-pie win) into VARIANT; with {@code strip}, the
     * result is stripped of its symbol tables as distributions ship binaries.
     */
    public static Path variant(String variant, String source, boolean strip, String... flags)
            throws IOException, InterruptedException {
        Path binary = compile(variant, source("c/" + source), List.of(flags));
        if (strip && !Files.exists(BUILT.resolve(variant + ".stripped"))) {
            run(List.of("strip", binary.toString()), source("c/" + source));
            Files.createFile(BUILT.resolve(variant + ".stripped"));
        }
        return binary;
    }

    private static synchronized Path compile(String name, Path source, List<String> flags) throws IOException, InterruptedException {
        Path binary = BUILT.resolve(name);
        if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return binary;
        }
        Files.createDirectories(BUILT);
        Files.deleteIfExists(BUILT.resolve(name + ".stripped"));
        List<String> command = new ArrayList<>(List.of(source.toString().endsWith(".cpp") ? "g++" : "gcc", "-O2", "-Wall", "-pthread"));
        command.addAll(flags);
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        run(command, source);
        return binary;
    }

    private static void run(List<String> command, Path source) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed to build the samples (apt-get install gcc g++ binutils): "
                    + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command.get(0) + " failed on " + source + ":\n" + output);
        }
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
