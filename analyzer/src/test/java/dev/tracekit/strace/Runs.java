package dev.tracekit.strace;

import dev.tracekit.record.RecordOptions;
import dev.tracekit.record.Recorder;
import dev.tracekit.record.StraceRun;
import dev.tracekit.record.SyscallSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a workload under the real strace and under tracekit's recorder, one after the other: the
 * recorder waits with waitpid(-1), which would reap a child of the JVM running meanwhile.
 */
final class Runs {
    private Runs() {
    }

    /** strace -f -tt -T -o FILE: the oracle's text. */
    static List<String> strace(Workload workload, Path output) throws IOException, InterruptedException {
        return StraceRun.lines(List.of("-f", "-tt", "-T"), workload.command(), output);
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
