package dev.tracekit.stack.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names of JIT-compiled code from /tmp/perf-PID.map ("START SIZE name", hex), as the JVM, Node
 * and Python write it. Parsed leniently: an optional 0x prefix, bad lines skipped, and a later
 * entry replaces every earlier one it overlaps (code was recompiled there). Re-read on a miss
 * when the file has changed, since JITs append as they compile.
 */
public final class PerfMap {
    private final Path file;
    private final TreeMap<Long, Symbol> symbols = new TreeMap<>();
    private long readSize = -1;
    private long readModified = -1;

    public PerfMap(Path file) {
        this.file = file;
    }

    public static PerfMap forProcess(int pid) {
        return new PerfMap(Path.of("/tmp", "perf-" + pid + ".map"));
    }

    /** The symbol holding {@code address}, or null. */
    public synchronized Symbol find(long address) {
        Symbol symbol = lookup(address);
        if (symbol == null && reloadIfChanged()) {
            symbol = lookup(address);
        }
        return symbol;
    }

    private Symbol lookup(long address) {
        Map.Entry<Long, Symbol> entry = symbols.floorEntry(address);
        return entry != null && address - entry.getValue().start() < entry.getValue().size() ? entry.getValue() : null;
    }

    private boolean reloadIfChanged() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            if (attributes.size() == readSize && modified == readModified) {
                return false;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            symbols.clear();
            lines.forEach(this::add);
            readSize = attributes.size();
            readModified = modified;
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // no map (yet), or it vanished: JIT frames stay unnamed
        }
    }

    void add(String line) {
        String[] fields = line.trim().split("\\s+", 3);
        if (fields.length < 3) {
            return;
        }
        long start;
        long size;
        try {
            start = Long.parseUnsignedLong(stripHexPrefix(fields[0]), 16);
            size = Long.parseUnsignedLong(stripHexPrefix(fields[1]), 16);
        } catch (NumberFormatException e) {
            return;
        }
        if (size <= 0) {
            return;
        }
        Map.Entry<Long, Symbol> below = symbols.lowerEntry(start);
        if (below != null && start - below.getKey() < below.getValue().size()) {
            symbols.remove(below.getKey());
        }
        symbols.subMap(start, true, start + size, false).clear();
        symbols.put(start, new Symbol(start, size, fields[2]));
    }

    private static String stripHexPrefix(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    }

    public record Symbol(long start, long size, String name) {
    }
}
