package dev.tracekit.record;

import java.nio.file.Path;
import java.util.List;

/** Recordings made in-process, the way tracekit record makes them. */
final class Recordings {
    private Recordings() {
    }

    static RecordResult launch(Path log, List<String> command) throws Exception {
        RecordOptions options = new RecordOptions(List.of(), command, log, RecordOptions.DEFAULT_STRING_LIMIT, null, null);
        return new Recorder(options, SyscallSupport.forThisMachine(), List.of("tracekit", "record", "--test"), "test").run();
    }
}
