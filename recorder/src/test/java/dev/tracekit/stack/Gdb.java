package dev.tracekit.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** gdb, the second oracle: `thread apply all bt` of the main thread, pcs by frame number. */
final class Gdb {
    private static final Pattern FRAME = Pattern.compile("^#(\\d+)\\s+(?:0x([0-9a-f]+) in )?(\\S+)");

    private Gdb() {
    }

    /**
     * Frame number to pc, for the frames gdb prints an address for (it leaves it out when the pc
     * starts a source line, and for a signal trampoline's "&lt;signal handler called&gt;"), and
     * to null for the others; gdb stops at main.
     */
    static Map<Integer, Long> mainThread(int pid) throws Exception {
        return mainThread(pid, true);
    }

    /**
     * The same; without {@code librarySymbols} gdb reads no shared library's symbols. It then
     * recognizes musl's signal trampoline by its code: with them, it takes the nearest .dynsym
     * name below it (musl's libc.so keeps no other) for a function and unwinds it as one.
     */
    static Map<Integer, Long> mainThread(int pid, boolean librarySymbols) throws Exception {
        List<String> command = new ArrayList<>(List.of("gdb", "-nx"));
        if (!librarySymbols) {
            command.addAll(List.of("-iex", "set auto-solib-add off"));
        }
        command.addAll(List.of("-p", Integer.toString(pid), "-batch", "-ex", "bt"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("gdb is needed (apt-get install gdb): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gdb hung");
        }
        Map<Integer, Long> frames = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher frame = FRAME.matcher(line);
            if (frame.find()) {
                frames.put(Integer.parseInt(frame.group(1)), frame.group(2) == null ? null : Long.parseUnsignedLong(frame.group(2), 16));
            }
        }
        if (frames.isEmpty()) {
            throw new AssertionError("gdb -p " + pid + " printed no backtrace:\n" + output);
        }
        return frames;
    }
}
