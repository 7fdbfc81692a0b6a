package dev.tracekit.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** elfutils' eu-stack, the oracle: each thread's frames as raw pcs and names. */
final class EuStack {
    private static final Pattern FRAME = Pattern.compile("#(\\d+)\\s+0x([0-9a-f]+)(?:\\s+(\\S.*))?");

    private EuStack() {
    }

    /** A frame: the pc and the name eu-stack printed (version suffix removed), or null. */
    record Frame(long pc, String name) {
    }

    /** Frames by tid, innermost first. Fails loudly when eu-stack is missing or cannot attach. */
    static Map<Integer, List<Frame>> of(int pid) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("eu-stack", "-p", Integer.toString(pid)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("eu-stack is needed (apt-get install elfutils): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("eu-stack hung");
        }
        Map<Integer, List<Frame>> threads = new TreeMap<>();
        List<Frame> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("TID ")) {
                current = new ArrayList<>();
                threads.put(Integer.parseInt(line.substring(4, line.indexOf(':'))), current);
                continue;
            }
            Matcher frame = FRAME.matcher(line.trim());
            if (current != null && frame.matches()) {
                String name = frame.group(3);
                if (name != null && name.indexOf('@') > 0) {
                    name = name.substring(0, name.indexOf('@'));
                }
                current.add(new Frame(Long.parseUnsignedLong(frame.group(2), 16), name));
            }
        }
        if (threads.isEmpty()) {
            throw new AssertionError("eu-stack -p " + pid + " printed no stacks:\n" + output);
        }
        return threads;
    }
}
