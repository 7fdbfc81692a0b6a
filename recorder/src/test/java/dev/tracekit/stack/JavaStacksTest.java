package dev.tracekit.stack;

import dev.tracekit.ptrace.Native;
import dev.tracekit.record.Detached;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM run with -XX:+PreserveFramePointer: JIT-compiled and interpreted frames have no CFI and
 * are walked by frame pointers, named from the perf map `jcmd PID Compiler.perfmap` writes;
 * libjvm and libc frames by CFI. Stopped with SIGSTOP, the spinning thread's stack equals
 * eu-stack's and reaches clone3.
 */
class JavaStacksTest {
    private static final int SIGSTOP = 19;
    private static final int SIGCONT = 18;

    @TempDir
    Path dir;

    @Test
    void jitFramesByFramePointerAndPerfMap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path ready = dir.resolve("ready");
        Detached process = LiveStacks.start(dir, List.of(java.toString(), "-XX:+PreserveFramePointer", "-XX:+UseSerialGC",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,SpinChain::*",
                Samples.source("java/SpinChain.java").toString(), ready.toString()), ready);
        Path perfMap = Path.of("/tmp", "perf-" + process.pid + ".map");
        try {
            awaitCompiled(process.pid, perfMap);
            Native.libc().kill(process.pid, SIGSTOP);
            awaitStopped(process);
            Map<Integer, LiveStacks.Sampled> ours = LiveStacks.sample(process.pid, 1, false).get(0);
            Map<Integer, List<EuStack.Frame>> theirs = EuStack.of(process.pid);
            Native.libc().kill(process.pid, SIGCONT);

            LiveStacks.Sampled spinning = ours.values().stream()
                    .filter(stack -> stack.names().stream().anyMatch(name -> name != null && name.contains("SpinChain.level3")))
                    .findFirst().orElse(null);
            assertNotNull(spinning, "a thread in SpinChain.level3: " + ours);
            int tid = ours.entrySet().stream().filter(entry -> entry.getValue() == spinning).findFirst().orElseThrow().getKey();
            String context = "tracekit:\n" + spinning + "\neu-stack: " + theirs.get(tid);
            assertEquals(theirs.get(tid).stream().map(EuStack.Frame::pc).toList(), spinning.pcs(), context);
            assertFalse(spinning.unwound().truncated(), context);
            List<String> names = spinning.names();
            assertEquals("__clone3", names.get(names.size() - 1), context);
            assertTrue(names.stream().anyMatch(name -> name != null && name.startsWith("JavaCalls::call_helper")), context);
            assertTrue(spinning.unwound().frames().stream().anyMatch(frame -> frame.method() == FrameMethod.FRAME_POINTER), context);
        } finally {
            process.kill();
            Files.deleteIfExists(perfMap);
        }
    }

    /** Asks the JVM for its perf map until level3 is compiled (on-stack replacement of the spin loop). */
    private static void awaitCompiled(int pid, Path perfMap) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Process process = new ProcessBuilder(jcmd.toString(), Integer.toString(pid), "Compiler.perfmap")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, TimeUnit.SECONDS);
            if (Files.exists(perfMap) && Files.readString(perfMap).contains("SpinChain.level3")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SpinChain.level3 never appeared in " + perfMap);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitStopped(Detached process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process.state() != 'T') {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the JVM never stopped: " + process.state());
            }
            Thread.sleep(1);
        }
    }
}
