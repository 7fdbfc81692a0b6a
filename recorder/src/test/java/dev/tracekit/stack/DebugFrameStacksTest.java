package dev.tracekit.stack;

import dev.tracekit.record.Samples;
import dev.tracekit.stack.elf.ElfImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A program whose own code has CFI only in .debug_frame (built with -g but without unwind
 * tables), blocked in nanosleep five frames deep: its stack equals eu-stack's, pc by pc, with
 * that section in the binary, compressed, or in a separate debug file.
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

    /** Distributions move .debug_frame to the separate debug file; this one is found by .gnu_debuglink. */
    @Test
    void debugFrameInTheSeparateDebugFile() throws Exception {
        Path built = Samples.variant("chain-debug-frame", "stack_chain.c", false, DEBUG_FRAME_ONLY);
        Path binary = dir.resolve("chain");
        Files.copy(built, binary);
        run(dir, "objcopy", "--only-keep-debug", "chain", "chain.debug");
        run(dir, "strip", "--strip-debug", "chain");
        run(dir, "objcopy", "--add-gnu-debuglink=chain.debug", "chain");
        assertNull(ElfImage.open(binary).section(".debug_frame"), "strip --strip-debug took .debug_frame away");

        EuStackComparisonTest.assertSameStacksAsEuStack(dir, List.of(binary.toString(), "sleep"), CHAIN);
    }

    @Test
    void zlibCompressedDebugFrame() throws Exception {
        Path binary = Samples.variant("chain-debug-frame-gz", "stack_chain.c", false,
                "-fomit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g", "-gz=zlib");
        EuStackComparisonTest.assertSameStacksAsEuStack(dir, List.of(binary.toString(), "sleep"), CHAIN);
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
