package dev.tracekit.strace;

import dev.tracekit.record.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A program to trace: the C samples (compiled with gcc on first use into target/samples), real
 * tools, Python and shell. Each runs in a directory of its own that is emptied before each run,
 * so that strace's run and tracekit's see the same paths and the same files.
 */
record Workload(String name, List<String> command, Path workDir) {
    private static final Path REPO = Samples.repo();

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
        command.add(Samples.c(name).toString());
        command.addAll(arguments.of(dir));
        return new Workload(name, List.copyOf(command), dir);
    }

}
