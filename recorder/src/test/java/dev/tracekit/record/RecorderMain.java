package dev.tracekit.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A recorder in a JVM of its own, for tests that kill it: {@code RecorderMain LOG CMD ARGS...}. */
public final class RecorderMain {
    private RecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = Arrays.asList(args).subList(1, args.length);
        RecordOptions options = new RecordOptions(List.of(), command, Path.of(args[0]), RecordOptions.DEFAULT_STRING_LIMIT, null, null);
        RecordResult result = new Recorder(options, SyscallSupport.forThisMachine(), List.of("RecorderMain"), "test").run();
        System.exit(result.exitCode());
    }
}
