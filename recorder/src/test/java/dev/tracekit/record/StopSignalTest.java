package dev.tracekit.record;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attached, SIGINT (Ctrl-C) or SIGTERM to the recorder detaches: the log is whole, the process runs on. */
class StopSignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalDetachesAndClosesTheLog(String signal) throws Exception {
        Path ticks = dir.resolve("ticks.txt");
        Detached ticker = Detached.start(dir, List.of(Samples.c("ticker").toString(), ticks.toString()));
        try {
            AttachTest.awaitTick(ticks, 3);
            Path log = dir.resolve("stopped.trace");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            // Through unblocked: a JVM started in the background by a shell has SIGINT ignored, and
            // a recorder that inherited that would rightly keep it so.
            Process recorder = new ProcessBuilder(StraceRun.unblocked().toString(),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, RecorderMain.class.getName(), log.toString(), "-p", Integer.toString(ticker.pid))
                    .inheritIO().start();
            awaitTracer(ticker);
            long tickAtAttach = AttachTest.currentTick(ticks);
            AttachTest.awaitTick(ticks, tickAtAttach + 20);
            new ProcessBuilder("kill", "-" + signal, Long.toString(recorder.pid())).start().waitFor();

            assertTrue(recorder.waitFor(20, TimeUnit.SECONDS), "the recorder ends on SIG" + signal);
            assertEquals(0, recorder.exitValue());
            assertEquals(0, ticker.tracerPid(), "detached");
            long before = AttachTest.currentTick(ticks);
            AttachTest.awaitTick(ticks, before + 10);
            LogCalls.Read read = LogCalls.read(log);
            assertTrue(read.status().complete(), read.status().message());
            var counts = LogCalls.counts(LogCalls.callsByThread(read.events()));
            assertTrue(counts.getOrDefault("write", 0L) >= 3, "the ticks between attach and signal: " + counts);
        } finally {
            ticker.kill();
        }
    }

    private static void awaitTracer(Detached target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (target.tracerPid() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the recorder never attached");
            }
            Thread.sleep(10);
        }
    }
}
