package dev.tracekit.strace;

import dev.tracekit.record.RecordOptions;
import dev.tracekit.record.Recorder;
import dev.tracekit.record.SyscallSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload under the real strace and under tracekit's recorder, one after the other: the
 * recorder waits with waitpid(-1), which would reap a child of the JVM running meanwhile.
 */
final class Runs {
    private Runs() {
    }

    /** strace -f -tt -T -o FILE: the oracle's text. */
    static List<String> strace(Workload workload, Path output) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Workload.unblocked().toString(), "strace", "-f", "-tt", "-T", "-o",
                output.toString(), "--"));
        argv.addAll(workload.command());
        Process strace;
        try {
            // The same working directory and stdio as the in-process recording: programs probe both.
            strace = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new AssertionError("strace is needed as the oracle (apt-get install strace): " + e.getMessage(), e);
        }
        if (!strace.waitFor(60, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new AssertionError("strace did not finish: " + workload.command());
        }
        return Files.readAllLines(output);
    }

    /** tracekit record, in-process, then the log printed as strace text. */
    static List<String> tracekit(Workload workload, Path log) throws Exception {
        RecordOptions options = new RecordOptions(List.of(), workload.command(), log,
                RecordOptions.DEFAULT_STRING_LIMIT, null, null);
        new Recorder(options, SyscallSupport.forThisMachine(), List.of("tracekit", "record", "--test"), "test").run();
        java.io.StringWriter text = new java.io.StringWriter();
        StraceText.write(log, text, StraceOptions.defaults());
        return text.toString().lines().toList();
    }
}
