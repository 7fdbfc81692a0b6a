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

/** Runs a command under the real strace -f and reads back which syscalls each thread made. */
final class StraceRun {
    private static final Pattern CALL = Pattern.compile("^(\\d+) +([a-z_0-9]+)\\(");

    private StraceRun() {
    }

    /** The syscall names each tid made, in order, with a call that never returned counted too. */
    static TreeMap<Integer, List<String>> callsByThread(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "strace", ".txt");
        List<String> argv = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", output.toString(), "--"));
        argv.addAll(command);
        Process strace;
        try {
            // Same cwd and stdio as an in-process recording: programs probe both (isatty, lseek, getcwd).
            strace = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new AssertionError("strace is needed as the oracle (apt-get install strace): " + e.getMessage(), e);
        }
        if (!strace.waitFor(60, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new AssertionError("strace did not finish: " + command);
        }
        TreeMap<Integer, List<String>> calls = new TreeMap<>();
        for (String line : Files.readAllLines(output)) {
            Matcher matcher = CALL.matcher(line);
            // A fork interrupted by a signal is restarted by the kernel: how often is scheduling.
            if (matcher.find() && !line.contains("ERESTARTNOINTR")) {
                calls.computeIfAbsent(Integer.parseInt(matcher.group(1)), tid -> new ArrayList<>()).add(matcher.group(2));
            }
        }
        return calls;
    }
}
