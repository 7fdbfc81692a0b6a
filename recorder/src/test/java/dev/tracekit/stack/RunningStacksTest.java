package dev.tracekit.stack;

import dev.tracekit.ptrace.Native;
import dev.tracekit.record.Detached;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs on the CPU: a leaf loop and a clock_gettime loop (in and out of the vDSO). Sampled
 * many times while they run, every stack must hold the whole known chain and reach _start; and
 * stopped with SIGSTOP at an arbitrary instruction, the stack equals eu-stack's.
 */
class RunningStacksTest {
    private static final int SAMPLES = 300;
    private static final int SIGSTOP = 19;
    private static final int SIGCONT = 18;
    private static final List<String> CHAIN = List.of("bottom", "chain_5", "chain_4", "chain_3", "chain_2", "chain_1", "main");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"spin", "vdso"})
    void nearlyEverySampleHoldsTheWholeChain(String mode) throws Exception {
        Detached process = start(mode);
        try {
            List<Map<Integer, LiveStacks.Sampled>> samples = LiveStacks.sample(process.pid, SAMPLES, true);
            int complete = 0;
            int inVdso = 0;
            StringBuilder failures = new StringBuilder();
            for (Map<Integer, LiveStacks.Sampled> sample : samples) {
                LiveStacks.Sampled stack = sample.get(process.pid);
                List<String> names = stack.names();
                boolean whole = EuStackComparisonTest.containsInOrder(names, CHAIN) && !stack.unwound().truncated()
                        && "_start".equals(names.get(names.size() - 1));
                if (whole) {
                    complete++;
                } else if (failures.length() < 4000) {
                    failures.append(stack).append('\n');
                }
                if (stack.stack().frames().get(0).module() != null
                        && stack.stack().frames().get(0).module().path().equals("[vdso]")) {
                    inVdso++;
                    assertTrue(names.get(0) != null && names.get(0).contains("clock_gettime"), "vDSO frames are named: " + stack);
                }
            }
            assertEquals(SAMPLES, samples.size());
            assertTrue(complete >= SAMPLES * 99 / 100, complete + " of " + SAMPLES + " complete; incomplete ones:\n" + failures);
            if (mode.equals("vdso")) {
                assertTrue(inVdso > 0, "some samples land in the vDSO");
            }
        } finally {
            process.kill();
        }
    }

    @Test
    void stoppedAnywhereInTheVdsoLoopSameAsEuStack() throws Exception {
        Detached process = start("vdso");
        try {
            for (int round = 0; round < 3; round++) {
                Native.libc().kill(process.pid, SIGSTOP);
                awaitState(process, 'T');
                Map<Integer, LiveStacks.Sampled> ours = LiveStacks.sample(process.pid, 1, false).get(0);
                awaitState(process, 'T');
                Map<Integer, List<EuStack.Frame>> theirs = EuStack.of(process.pid);
                Native.libc().kill(process.pid, SIGCONT);
                LiveStacks.Sampled stack = ours.get(process.pid);
                String context = "tracekit:\n" + stack + "\neu-stack: " + theirs;
                assertEquals(theirs.get(process.pid).stream().map(EuStack.Frame::pc).toList(), stack.pcs(), context);
                assertFalse(stack.unwound().truncated(), context);
                Thread.sleep(20);
            }
        } finally {
            process.kill();
        }
    }

    private Detached start(String mode) throws Exception {
        Path binary = Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
        Path ready = dir.resolve("ready-" + mode);
        return LiveStacks.start(dir, List.of(binary.toString(), mode, ready.toString()), ready);
    }

    private static void awaitState(Detached process, char state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process.state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process never reached state " + state + ", is " + process.state());
            }
            Thread.sleep(1);
        }
    }
}
