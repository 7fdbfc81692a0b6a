package dev.tracekit.stack;

import dev.tracekit.record.Detached;
import dev.tracekit.record.Samples;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/c/signal_chain.c: a handler blocked in nanosleep that interrupted a leaf loop, built
 * against musl, static and dynamic (its trampoline has no CFI), and against glibc (whose
 * trampoline has CFI). tracekit's stack equals gdb's pc by pc up to main, through the signal
 * frame, and the interrupted frame's pc is exact. gdb stops at main; so may tracekit with musl,
 * whose start code has no CFI. Needs ptrace, gdb and musl-gcc: fails without them.
 */
class SignalFrameStacksTest {
    private static final List<String> HANDLER = List.of("nap", "inner_3", "inner_2", "inner_1", "on_alarm");
    private static final List<String> INTERRUPTED = List.of("spin", "outer_3", "outer_2", "outer_1", "main");
    private static final int TRAMPOLINE = HANDLER.size();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"musl-static", "musl-dynamic", "glibc"})
    void sameStackAsGdbThroughTheSignalFrame(String build) throws Exception {
        Path binary = switch (build) {
            case "musl-static" -> MuslGcc.build("signal-chain-musl-static", "signal_chain.c", "-fomit-frame-pointer", "-static");
            case "musl-dynamic" -> MuslGcc.build("signal-chain-musl", "signal_chain.c", "-fomit-frame-pointer");
            default -> Samples.variant("signal-chain", "signal_chain.c", false, "-fomit-frame-pointer");
        };
        Path ready = dir.resolve("ready");
        Detached process = LiveStacks.start(dir, List.of(binary.toString(), ready.toString()), ready);
        try {
            LiveStacks.awaitAsleep(process.pid);
            LiveStacks.Sampled ours = LiveStacks.sampleOnce(process.pid).get(process.pid);
            Map<Integer, Long> gdb = Gdb.mainThread(process.pid, false);
            String context = "gdb " + hex(gdb) + ", tracekit:\n" + ours;

            assertEquals(TRAMPOLINE + 1 + INTERRUPTED.size(), gdb.size(), "gdb's frames up to main; " + context);
            assertNull(gdb.get(TRAMPOLINE), "gdb shows the trampoline as <signal handler called>; " + context);
            assertTrue(ours.pcs().size() >= gdb.size(), "tracekit's stack reaches main; " + context);
            for (Map.Entry<Integer, Long> frame : gdb.entrySet()) {
                if (frame.getValue() != null) {
                    assertEquals(frame.getValue(), ours.pcs().get(frame.getKey()), "frame " + frame.getKey() + "; " + context);
                }
            }
            for (int i = 0; i < HANDLER.size(); i++) {
                assertNamed(HANDLER.get(i), ours.names().get(i), context);
                assertNamed(INTERRUPTED.get(i), ours.names().get(TRAMPOLINE + 1 + i), context);
            }
            if (!build.equals("musl-dynamic")) { // Debian's musl libc.so has no .symtab, and __restore_rt is not exported
                assertEquals("__restore_rt", ours.names().get(TRAMPOLINE), context);
            }
            UnwoundFrame interrupted = ours.unwound().frames().get(TRAMPOLINE + 1);
            assertTrue(interrupted.exactPc(), context);
            assertEquals(build.startsWith("musl") ? FrameMethod.SIGNAL_CONTEXT : FrameMethod.CFI, interrupted.method(), context);
        } finally {
            process.kill();
        }
    }

    /** Names may carry a suffix such as " [clone .isra.0]" or ".constprop.0". */
    private static void assertNamed(String expected, String actual, String context) {
        assertTrue(actual != null && actual.startsWith(expected), "expected " + expected + ", got " + actual + "; " + context);
    }

    private static String hex(Map<Integer, Long> frames) {
        StringBuilder text = new StringBuilder("{");
        frames.forEach((frame, pc) -> text.append(frame).append('=').append(pc == null ? "-" : Long.toHexString(pc)).append(' '));
        return text.append('}').toString();
    }
}
