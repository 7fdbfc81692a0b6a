package dev.tracekit.stack;

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
     * starts a source line), and to null for the others; gdb stops at main.
     */
    static Map<Integer, Long> mainThread(int pid) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("gdb", "-nx", "-p", Integer.toString(pid), "-batch", "-ex", "bt")
                    .redirectErrorStream(true).start();
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
