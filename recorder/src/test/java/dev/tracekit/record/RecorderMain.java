package dev.tracekit.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A recorder in a JVM of its own, for tests that signal or kill it, with the signal handling
 * of tracekit record: {@code RecorderMain LOG CMD ARGS...} or {@code RecorderMain LOG -p PID}.
 */
public final class RecorderMain {
    private RecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean attach = args[1].equals("-p");
        List<String> command = attach ? List.of() : Arrays.asList(args).subList(1, args.length);
        List<Integer> pids = attach ? List.of(Integer.parseInt(args[2])) : List.of();
        RecordOptions options = new RecordOptions(pids, command, Path.of(args[0]), RecordOptions.DEFAULT_STRING_LIMIT, null, null);
        Recorder recorder = new Recorder(options, SyscallSupport.forThisMachine(), List.of("RecorderMain"), "test");
        StopSignals.install(recorder, !attach);
        System.exit(recorder.run().exitCode());
    }
}
