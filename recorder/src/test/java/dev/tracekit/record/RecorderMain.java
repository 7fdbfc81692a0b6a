package dev.tracekit.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A recorder in a JVM of its own, for tests that signal or kill it, with the signal handling
 * of tracekit record: {@code RecorderMain LOG [-F HZ] CMD ARGS...} or {@code RecorderMain LOG [-F HZ] -p PID}.
 */
public final class RecorderMain {
    private RecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        int at = 1;
        int hz = RecordOptions.DEFAULT_SAMPLE_HZ;
        if (args[at].equals("-F")) {
            hz = Integer.parseInt(args[at + 1]);
            at += 2;
        }
        boolean attach = args[at].equals("-p");
        List<String> command = attach ? List.of() : Arrays.asList(args).subList(at, args.length);
        List<Integer> pids = attach ? List.of(Integer.parseInt(args[at + 1])) : List.of();
        RecordOptions options = new RecordOptions(pids, command, Path.of(args[0]), RecordOptions.DEFAULT_STRING_LIMIT, null,
                null, hz, false);
        Recorder recorder = new Recorder(options, SyscallSupport.forThisMachine(), List.of("RecorderMain"), "test");
        StopSignals.install(recorder, !attach);
        System.exit(recorder.run().exitCode());
    }
}
