package dev.tracekit.stracetext;

import dev.tracekit.record.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Text the installed strace writes about the sample programs, to a file (-o), files (-ff) or stderr. */
final class StraceOutput {
    private StraceOutput() {
    }

    /** The sample programs the corpus traces: processes, threads, a signal, and many kinds of call. */
    static List<String> program(String sample, Path dir) throws IOException, InterruptedException {
        Path binary = Samples.c(sample);
        if (sample.equals("syscall_tour")) {
            Path work = Files.createTempDirectory(dir, "tour");
            return List.of(binary.toString(), work.toString());
        }
        return List.of(binary.toString());
    }

    /** {@code strace OPTIONS -o OUTPUT -- COMMAND}; with -ff, OUTPUT is the prefix of the files. */
    static void toFile(List<String> options, List<String> command, Path output) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("strace"));
        argv.addAll(options);
        argv.addAll(List.of("-o", output.toString(), "--"));
        argv.addAll(command);
        run(argv, null);
    }

    /** strace writing to its stderr, where -f prefixes lines with {@code [pid N]}. */
    static void toStderr(List<String> options, List<String> command, Path output) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("strace"));
        argv.addAll(options);
        argv.add("--");
        argv.addAll(command);
        run(argv, output);
    }

    private static void run(List<String> argv, Path stderr) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.redirectError(stderr == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(stderr.toFile()));
        Process strace;
        try {
            strace = builder.start();
        } catch (IOException e) {
            throw new AssertionError("strace is needed for these tests (apt-get install strace): " + e.getMessage(), e);
        }
        if (!strace.waitFor(60, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new AssertionError("strace did not finish: " + argv);
        }
        if (strace.exitValue() != 0) {
            throw new AssertionError("strace failed (exit " + strace.exitValue() + "): " + argv);
        }
    }
}
