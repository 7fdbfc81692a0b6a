package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated strace text: the import ends, in bounded time, with every line either
 * imported or listed in import_errors, and never an unexpected exception. Seeds are fixed, so a
 * failure repeats.
 */
class StraceImportFuzzTest {
    private static final String SIGNIFICANT = "()[]{}\"\\<>=,.:+-? \t0123456789xEa/*|";

    @TempDir
    Path dir;

    @Test
    void mutatedStraceOutputNeverFails() throws Exception {
        Path original = dir.resolve("original.txt");
        StraceOutput.toFile(List.of("-f", "-tt", "-T", "-y", "-k"), StraceOutput.program("file_threads", dir), original);
        List<String> lines = Files.readAllLines(original);
        Random random = new Random(5);
        for (int round = 0; round < 12; round++) {
            List<String> mutated = new ArrayList<>();
            for (String line : lines) {
                mutated.add(random.nextInt(4) == 0 ? mutate(line, random) : line);
                if (random.nextInt(50) == 0) {
                    mutated.add(lines.get(random.nextInt(lines.size())));
                }
            }
            assertImportsOrSkips(write(mutated), mutated.size());
        }
    }

    @Test
    void randomTextNeverFails() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 8; round++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(120);
                for (int c = 0; c < length; c++) {
                    line.append(random.nextInt(3) == 0 ? (char) (32 + random.nextInt(95)) : SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
                }
                lines.add(line.toString());
            }
            assertImportsOrSkips(write(lines), lines.size());
        }
        byte[] bytes = new byte[20_000];
        random.nextBytes(bytes);
        Path binary = dir.resolve("random.bin");
        Files.write(binary, bytes);
        assertTrue(StraceTextSniffer.problem(binary) != null, "random bytes are not strace text");
        Imported.of(List.of(binary)).close();
    }

    private Path write(List<String> lines) throws Exception {
        Path file = Files.createTempFile(dir, "fuzz", ".txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertImportsOrSkips(Path file, int lineCount) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StraceTextSniffer.problem(file);
            try (Imported imported = Imported.of(List.of(file))) {
                assertEquals(lineCount, imported.result.lines());
                assertEquals(String.valueOf(imported.result.skipped()), imported.value("SELECT count(*) FROM import_errors"));
            }
        });
    }

    private static String mutate(String line, Random random) {
        StringBuilder text = new StringBuilder(line);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(10)));
                case 1 -> text.insert(at, SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
                case 2 -> text.setLength(at);
                default -> text.setCharAt(at, SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
            }
        }
        return text.toString();
    }
}
