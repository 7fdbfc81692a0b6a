package dev.tracekit.stack.elf;

import dev.tracekit.record.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where names come from when the binary is stripped: the separate debug file by build-id or by
 * .gnu_debuglink (checked by CRC32), and MiniDebugInfo. Built with binutils as distributions do.
 */
class SymbolLoaderTest {
    @TempDir
    Path dir;
    private Path binary;
    private Path debug;

    @BeforeEach
    void splitDebugInfo() throws Exception {
        Path built = Samples.variant("chain-omit-fp", "stack_chain.c", false, "-fomit-frame-pointer");
        binary = dir.resolve("bin/chain");
        Files.createDirectories(binary.getParent());
        Files.copy(built, binary);
        debug = dir.resolve("chain.debug");
        run("objcopy", "--only-keep-debug", binary.toString(), debug.toString());
        run("strip", binary.toString());
    }

    @Test
    void strippedBinaryKeepsOnlyDynamicSymbols() throws Exception {
        SymbolTable symbols = new SymbolLoader(new DebugFiles(dir.resolve("no-debug"))).load(ElfImage.open(binary), binary.toString());
        assertEquals(-1, symbols.addressOf("chain_1"));
    }

    @Test
    void debugFileByBuildId() throws Exception {
        ElfImage image = ElfImage.open(binary);
        String hex = image.buildId().toHex();
        Path root = dir.resolve("debug-root");
        Path target = root.resolve(".build-id").resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".debug");
        Files.createDirectories(target.getParent());
        Files.copy(debug, target);
        SymbolTable symbols = new SymbolLoader(new DebugFiles(root)).load(image, binary.toString());
        assertNamed(image, symbols);
    }

    @Test
    void debugFileByDebugLinkWithMatchingCrc() throws Exception {
        run("objcopy", "--add-gnu-debuglink=" + debug, binary.toString());
        Path linked = binary.getParent().resolve(".debug").resolve("chain.debug");
        Files.createDirectories(linked.getParent());
        Files.copy(debug, linked);
        ElfImage image = ElfImage.open(binary);
        DebugFiles debugFiles = new DebugFiles(dir.resolve("no-debug"));
        assertEquals(linked, debugFiles.find(image, binary.toString()));
        assertNamed(image, new SymbolLoader(debugFiles).load(image, binary.toString()));

        Files.write(linked, new byte[] {1, 2, 3}); // another file under that name: its CRC differs
        assertEquals(null, debugFiles.find(image, binary.toString()));
    }

    @Test
    void miniDebugInfo() throws Exception {
        assertTrue(XzDecoder.available(), "liblzma.so.5 (xz-utils) is needed for MiniDebugInfo");
        Path mini = dir.resolve("mini");
        run("objcopy", "--strip-debug", "--remove-section=.comment", debug.toString(), mini.toString());
        run("xz", "-k", mini.toString());
        run("objcopy", "--add-section", ".gnu_debugdata=" + mini + ".xz", binary.toString());
        ElfImage image = ElfImage.open(binary);
        assertNamed(image, new SymbolLoader(new DebugFiles(dir.resolve("no-debug"))).load(image, binary.toString()));
    }

    private static void assertNamed(ElfImage image, SymbolTable symbols) {
        for (String name : List.of("main", "chain_1", "chain_5")) {
            long address = symbols.addressOf(name);
            assertTrue(address > 0, name + " is named");
            assertEquals(name, symbols.name(symbols.find(address + 1)));
        }
        assertTrue(image.cfi() != null && image.cfi().find(symbols.addressOf("chain_3")) != null,
                "the stripped binary still has its CFI");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
