package dev.tracekit.stack;

import dev.tracekit.record.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds samples/c programs against musl with musl-gcc (Debian's musl-tools) into
 * recorder/target/samples, again only when the source is newer. Fails, never skips, without it.
 */
final class MuslGcc {
    private MuslGcc() {
    }

    static synchronized Path build(String name, String source, String... flags) throws IOException, InterruptedException {
        Path sourceFile = Samples.source("c/" + source);
        Path binary = Samples.repo().resolve("recorder/target/samples").resolve(name);
        if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(sourceFile)) > 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        List<String> command = new ArrayList<>(List.of("musl-gcc", "-O2", "-Wall"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", binary.toString(), sourceFile.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("musl-gcc is needed for the musl samples (apt-get install musl-tools): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("musl-gcc failed on " + sourceFile + ":\n" + output);
        }
        return binary;
    }
}
