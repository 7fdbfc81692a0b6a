package dev.tracekit.strace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program to trace: the C samples (compiled with gcc on first use into target/samples), real
 * tools, Python and shell. Each runs in a directory of its own that is emptied before each run,
 * so that strace's run and tracekit's see the same paths and the same files.
 */
record Workload(String name, List<String> command, Path workDir) {
    private static final Path REPO = findRepo();
    private static final Path BUILT = REPO.resolve("analyzer/target/samples");

    static Path repo() {
        return REPO;
    }

    /** The workloads of the fidelity test; {@code base} holds their working directories. */
    static List<Workload> all(Path base) throws IOException, InterruptedException {
        return List.of(
                sample("file_threads", base, dir -> List.of(dir.toString())),
                sample("pipe_block", base, dir -> List.of()),
                sample("signal_sleep", base, dir -> List.of()),
                sample("fork_exec", base, dir -> List.of()),
                sample("exit_code", base, dir -> List.of("7")),
                sample("ticker", base, dir -> List.of(dir.resolve("ticks").toString(), "5")),
                sample("syscall_tour", base, dir -> List.of(dir.toString())),
                new Workload("ls", List.of("/bin/ls", "-l", REPO.resolve("samples").toString()), base.resolve("ls")),
                new Workload("python", List.of("/usr/bin/python3", REPO.resolve("samples/python/files.py").toString(),
                        base.resolve("python").toString()), base.resolve("python")),
                new Workload("pipeline", List.of("/bin/sh", REPO.resolve("samples/shell/pipeline.sh").toString()),
                        base.resolve("pipeline")));
    }

    /** Empties the working directory, so both runs start from the same state. */
    void reset() throws IOException {
        if (Files.exists(workDir)) {
            try (var files = Files.list(workDir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(workDir);
    }

    private interface Arguments {
        List<String> of(Path dir);
    }

    private static Workload sample(String name, Path base, Arguments arguments) throws IOException,
            InterruptedException {
        Path dir = base.resolve(name);
        List<String> command = new java.util.ArrayList<>();
        command.add(compile(name, REPO.resolve("samples/c/" + name + ".c")).toString());
        command.addAll(arguments.of(dir));
        return new Workload(name, List.copyOf(command), dir);
    }

    /** The helper that starts strace with signals as the recorder starts its commands. */
    static Path unblocked() throws IOException, InterruptedException {
        return compile("unblocked", REPO.resolve("analyzer/src/test/resources/dev/tracekit/strace/unblocked.c"));
    }

    /** Compiles a C file as the recorder's tests do, once per build. */
    private static synchronized Path compile(String name, Path source) throws IOException, InterruptedException {
        Path binary = BUILT.resolve(name);
        boolean fresh = Files.exists(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0;
        if (fresh) {
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
