package dev.tracekit.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a command under the real strace and reads back what it wrote. Public: the analyzer's tests use it too. */
public final class StraceRun {
    private static final Pattern CALL = Pattern.compile("^(\\d+) +([a-z_0-9]+)\\(");

    private StraceRun() {
    }

    /** The syscall names each tid made, in order, with a call that never returned counted too. */
    static TreeMap<Integer, List<String>> callsByThread(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "strace", ".txt");
        TreeMap<Integer, List<String>> calls = new TreeMap<>();
        for (String line : lines(List.of("-f", "-qq"), command, output)) {
            Matcher matcher = CALL.matcher(line);
            // A fork interrupted by a signal is restarted by the kernel: how often is scheduling.
            if (matcher.find() && !line.contains("ERESTARTNOINTR")) {
                calls.computeIfAbsent(Integer.parseInt(matcher.group(1)), tid -> new ArrayList<>()).add(matcher.group(2));
            }
        }
        return calls;
    }

    /** A launcher that runs its command with no signal blocked or ignored, as tracekit record launches commands. */
    static Path unblocked() throws IOException, InterruptedException {
        return Samples.compile("unblocked", Samples.repo().resolve("recorder/src/test/resources/dev/tracekit/record/unblocked.c"));
    }

    /**
     * What {@code strace OPTIONS -o OUTPUT -- COMMAND} writes. The command starts with no signal
     * blocked, as tracekit record starts it (a JVM thread blocks SIGQUIT, and children inherit
     * masks), in the test JVM's working directory and stdio, as an in-process recording does.
     */
    public static List<String> lines(List<String> options, List<String> command, Path output) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(unblocked().toString(), "strace"));
        argv.addAll(options);
        argv.addAll(List.of("-o", output.toString(), "--"));
        argv.addAll(command);
        Process strace;
        try {
            strace = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new AssertionError("strace is needed as the oracle (apt-get install strace): " + e.getMessage(), e);
        }
        if (!strace.waitFor(60, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new AssertionError("strace did not finish: " + command);
        }
        if (!Files.exists(output)) {
            throw new AssertionError("strace wrote nothing; is it installed, and may it trace (ptrace)?");
        }
        return Files.readAllLines(output);
    }
}
