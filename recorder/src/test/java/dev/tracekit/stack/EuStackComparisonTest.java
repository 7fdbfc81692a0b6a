package dev.tracekit.stack;

import dev.tracekit.record.Detached;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopped programs with known chains, sampled through ptrace and unwound by tracekit, then
 * unwound again by eu-stack (and gdb): the same pcs, frame by frame, and the same names where
 * eu-stack has one. Needs ptrace (CI runs as root): fails, never skips, without it.
 */
class EuStackComparisonTest {
    private static final List<String> CHAIN = List.of("bottom", "chain_5", "chain_4", "chain_3", "chain_2", "chain_1");

    @TempDir
    Path dir;

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("chain-omit-fp", "stack_chain.c", false, "sleep", CHAIN, new String[] {"-fomit-frame-pointer"}),
                Arguments.of("chain-stripped", "stack_chain.c", true, "sleep", List.of(), new String[] {"-fomit-frame-pointer"}),
                Arguments.of("chain-no-pie", "stack_chain.c", false, "sleep", CHAIN, new String[] {"-fomit-frame-pointer", "-no-pie"}),
                Arguments.of("chain-frame-pointers", "stack_chain.c", false, "sleep", CHAIN, new String[] {"-fno-omit-frame-pointer"}),
                Arguments.of("chain-omit-fp", "stack_chain.c", false, "signal",
                        List.of("bottom", "chain_5", "chain_4", "chain_3", "chain_2", "chain_1", "on_signal", "__restore_rt"),
                        new String[] {"-fomit-frame-pointer"}),
                Arguments.of("cxx-chain", "cxx_chain.cpp", false, null,
                        List.of("tracekit_sample::Napper::nap(char const*)", "tracekit_sample::Napper::operator()(char const*)",
                                "void tracekit_sample::run_with<tracekit_sample::Napper>(tracekit_sample::Napper&, char const*)", "main"),
                        new String[] {"-fomit-frame-pointer"}));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("programs")
    void sameStackAsEuStack(String variant, String source, boolean strip, String mode, List<String> chain, String[] flags)
            throws Exception {
        Path binary = Samples.variant(variant, source, strip, flags);
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (mode != null) {
            command.add(mode);
        }
        assertSameStacksAsEuStack(dir, command, chain);
    }

    /**
     * Runs {@code command} plus a ready file's path, and once all its threads sleep, compares
     * every thread's stack with eu-stack's; one of them must hold {@code chain} (unless empty).
     */
    static void assertSameStacksAsEuStack(Path dir, List<String> command, List<String> chain) throws Exception {
        Path ready = dir.resolve("ready");
        List<String> withReady = new ArrayList<>(command);
        withReady.add(ready.toString());
        Detached process = LiveStacks.start(dir, withReady, ready);
        try {
            LiveStacks.awaitAsleep(process.pid);
            Map<Integer, LiveStacks.Sampled> ours = LiveStacks.sampleOnce(process.pid);
            Map<Integer, List<EuStack.Frame>> theirs = EuStack.of(process.pid);

            assertEquals(theirs.keySet(), ours.keySet(), "threads");
            boolean chainSeen = chain.isEmpty();
            for (int tid : theirs.keySet()) {
                LiveStacks.Sampled sampled = ours.get(tid);
                assertSameAsEuStack(sampled, theirs.get(tid), "thread " + tid);
                chainSeen |= !chain.isEmpty() && containsInOrder(sampled.names(), chain);
            }
            assertTrue(chainSeen, "the known chain " + chain + " in order: " + ours);
        } finally {
            process.kill();
        }
    }

    /** The interpreter's native frames (Python's eval loop has CFI, no frame pointers). */
    @Test
    void python3SameAsEuStack() throws Exception {
        Path ready = dir.resolve("ready");
        Detached process = LiveStacks.start(dir, List.of("python3", Samples.source("python/sleep_chain.py").toString(),
                ready.toString()), ready);
        try {
            LiveStacks.awaitAsleep(process.pid);
            LiveStacks.Sampled ours = LiveStacks.sampleOnce(process.pid).get(process.pid);
            assertSameAsEuStack(ours, EuStack.of(process.pid).get(process.pid), "python3");
            assertTrue(ours.pcs().size() > 10, "the eval loop's frames: " + ours);
        } finally {
            process.kill();
        }
    }

    /** gdb agrees too, for every frame up to main it prints a pc for. */
    @ParameterizedTest
    @ValueSource(strings = {"-pie", "-no-pie"})
    void sameStackAsGdb(String pie) throws Exception {
        Path binary = Samples.variant("chain-omit-fp" + pie, "stack_chain.c", false, "-fomit-frame-pointer", pie);
        Path ready = dir.resolve("ready");
        Detached process = LiveStacks.start(dir, List.of(binary.toString(), "sleep", ready.toString()), ready);
        try {
            LiveStacks.awaitAsleep(process.pid);
            LiveStacks.Sampled ours = LiveStacks.sampleOnce(process.pid).get(process.pid);
            Map<Integer, Long> gdb = Gdb.mainThread(process.pid);
            assertEquals(ours.names().indexOf("main") + 1, gdb.size(), "frames up to main; gdb " + gdb + ", tracekit:\n" + ours);
            int compared = 0;
            for (Map.Entry<Integer, Long> frame : gdb.entrySet()) {
                if (frame.getValue() != null) {
                    assertEquals(frame.getValue(), ours.pcs().get(frame.getKey()), "frame " + frame.getKey() + ":\n" + ours);
                    compared++;
                }
            }
            assertTrue(compared >= 7, "gdb printed pcs for the chain: " + gdb);
        } finally {
            process.kill();
        }
    }

    /** Same pcs, complete, and the same name wherever eu-stack has one. */
    static void assertSameAsEuStack(LiveStacks.Sampled ours, List<EuStack.Frame> theirs, String what) {
        String context = what + ", tracekit:\n" + ours + "\neu-stack:\n" + theirs;
        assertEquals(theirs.stream().map(EuStack.Frame::pc).toList(), ours.pcs(), context);
        assertFalse(ours.unwound().truncated(), context);
        for (int i = 0; i < theirs.size(); i++) {
            if (theirs.get(i).name() != null) {
                assertEquals(theirs.get(i).name(), ours.names().get(i), "frame " + i + " of " + context);
            }
        }
    }

    /** The chain appears as consecutive frames; names may carry a suffix such as " [clone .isra.0]". */
    static boolean containsInOrder(List<String> names, List<String> chain) {
        for (int at = 0; at + chain.size() <= names.size(); at++) {
            int matched = 0;
            while (matched < chain.size() && names.get(at + matched) != null && names.get(at + matched).startsWith(chain.get(matched))) {
                matched++;
            }
            if (matched == chain.size()) {
                return true;
            }
        }
        return false;
    }
}
