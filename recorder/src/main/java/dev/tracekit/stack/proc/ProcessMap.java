package dev.tracekit.stack.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The mappings of /proc/PID/maps, sorted by address. */
public final class ProcessMap {
    private final List<Entry> entries;

    private ProcessMap(List<Entry> entries) {
        this.entries = entries;
    }

    public static ProcessMap read(int pid) throws IOException {
        return parse(Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps"), StandardCharsets.UTF_8));
    }

    /** Lines as the kernel writes them: "start-end perms offset dev inode   path". */
    public static ProcessMap parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length < 5) {
                continue;
            }
            int dash = fields[0].indexOf('-');
            String[] device = fields[3].split(":");
            entries.add(new Entry(Long.parseUnsignedLong(fields[0], 0, dash, 16),
                    Long.parseUnsignedLong(fields[0], dash + 1, fields[0].length(), 16),
                    fields[1].indexOf('x') == 2, Long.parseUnsignedLong(fields[2], 16),
                    Long.parseLong(device[0], 16) << 32 | Long.parseLong(device[1], 16),
                    Long.parseLong(fields[4]), fields.length > 5 ? fields[5] : ""));
        }
        entries.sort(Comparator.comparingLong(Entry::start));
        return new ProcessMap(List.copyOf(entries));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The mapping holding {@code address}, or null. */
    public Entry find(long address) {
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Entry entry = entries.get(middle);
            if (Long.compareUnsigned(address, entry.start()) < 0) {
                high = middle - 1;
            } else if (Long.compareUnsigned(address, entry.end()) >= 0) {
                low = middle + 1;
            } else {
                return entry;
            }
        }
        return null;
    }

    /** One line of the maps file. {@code device} is major << 32 | minor. */
    public record Entry(long start, long end, boolean executable, long offset, long device, long inode, String path) {
        /** The path without the " (deleted)" the kernel appends for a replaced file. */
        public String filePath() {
            return path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
        }

        public boolean isFile() {
            return inode != 0 && path.startsWith("/");
        }
    }
}
