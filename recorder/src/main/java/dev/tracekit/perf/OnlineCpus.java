package dev.tracekit.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The CPUs a thread may run on, from /sys/devices/system/cpu/online ("0-3,6"). A thread's
 * events are per CPU, so that the threads of a recording can share one ring buffer per CPU.
 */
final class OnlineCpus {
    private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    private OnlineCpus() {
    }

    static int[] list() {
        try {
            return parse(Files.readString(ONLINE));
        } catch (IOException e) {
            return IntStream.range(0, Runtime.getRuntime().availableProcessors()).toArray();
        }
    }

    static int[] parse(String text) {
        IntStream cpus = IntStream.empty();
        for (String range : text.trim().split(",")) {
            int dash = range.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
            cpus = IntStream.concat(cpus, IntStream.rangeClosed(first, last));
        }
        return cpus.toArray();
    }
}
