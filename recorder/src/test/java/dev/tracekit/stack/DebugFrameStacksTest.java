package dev.tracekit.stack;

import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * A program whose own code has CFI only in .debug_frame (built with -g but without unwind
 * tables), blocked in nanosleep five frames deep: its stack equals eu-stack's, pc by pc.
 */
class DebugFrameStacksTest {
    private static final List<String> CHAIN = List.of("bottom", "chain_5", "chain_4", "chain_3", "chain_2", "chain_1", "main");
    private static final String[] DEBUG_FRAME_ONLY = {"-fomit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g"};

    @TempDir
    Path dir;

    @Test
    void debugFrameInTheBinary() throws Exception {
        Path binary = Samples.variant("chain-debug-frame", "stack_chain.c", false, DEBUG_FRAME_ONLY);
        EuStackComparisonTest.assertSameStacksAsEuStack(dir, List.of(binary.toString(), "sleep"), CHAIN);
    }

    @Test
    void zlibCompressedDebugFrame() throws Exception {
        Path binary = Samples.variant("chain-debug-frame-gz", "stack_chain.c", false,
                "-fomit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g", "-gz=zlib");
        EuStackComparisonTest.assertSameStacksAsEuStack(dir, List.of(binary.toString(), "sleep"), CHAIN);
    }
}
