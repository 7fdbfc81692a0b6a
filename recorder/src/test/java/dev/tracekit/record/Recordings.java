package dev.tracekit.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Recordings made in-process, the way tracekit record makes them. */
final class Recordings {
    private Recordings() {
    }

    static RecordResult launch(Path log, List<String> command) throws Exception {
        return background(log, List.of(), command, null).await(60);
    }

    static Running background(Path log, List<Integer> pids, List<String> command, Duration duration) {
        return background(new RecordOptions(pids, command, log, RecordOptions.DEFAULT_STRING_LIMIT, null, duration));
    }

    static RecordResult run(RecordOptions options) throws Exception {
        return background(options).await(60);
    }

    static Running background(RecordOptions options) {
        Recorder recorder = new Recorder(options, SyscallSupport.forThisMachine(), List.of("tracekit", "record", "--test"), "test");
        CompletableFuture<RecordResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(recorder.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-recording");
        thread.start();
        return new Running(recorder, result);
    }

    /** A recording going on in the background. */
    record Running(Recorder recorder, CompletableFuture<RecordResult> result) {
        RecordResult await(long seconds) throws Exception {
            try {
                return result.get(seconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        void stop() {
            recorder.requestStop();
        }
    }
}
