package dev.tracekit.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the recorder: the tracee finishes normally, and the log reads up to its last chunk. */
class RecorderKilledTest {
    @TempDir
    Path dir;

    @Test
    void traceeCarriesOnAndTheLogReads() throws Exception {
        Path ticks = dir.resolve("ticks.txt");
        Path code = dir.resolve("exit-code.txt");
        Path log = dir.resolve("killed.trace");
        String script = Samples.c("ticker") + " " + ticks + " 150; echo $? > " + code;
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process recorder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, RecorderMain.class.getName(), log.toString(), "/bin/sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AttachTest.awaitTick(ticks, 30);
        recorder.destroyForcibly();
        assertTrue(recorder.waitFor(10, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(code) && !Files.readString(code).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("0", Files.readString(code).trim(), "the tracee's exit code");
        assertTrue(Files.readString(ticks).contains("150\ndone"), Files.readString(ticks));

        LogCalls.Read read = LogCalls.read(log);
        assertFalse(read.status().complete(), "a killed recorder writes no end record");
        assertTrue(read.events().size() > 50, "events of the flushed chunks: " + read.events().size());
        assertTrue(LogCalls.counts(LogCalls.callsByThread(read.events())).getOrDefault("clock_nanosleep", 0L) >= 10);
    }
}
