package dev.tracekit.strace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named-constant tables of x86_64, loaded once from {@code xlat-x86_64.tbl}. */
final class XlatTables {
    private static final String RESOURCE = "xlat-x86_64.tbl";
    private static final Map<String, XlatTable> TABLES = load();

    private XlatTables() {
    }

    /** @throws IllegalArgumentException for a table the resource lacks: a decoder's mistake */
    static XlatTable get(String name) {
        XlatTable table = TABLES.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no xlat table '" + name + "' in " + RESOURCE);
        }
        return table;
    }

    static boolean has(String name) {
        return TABLES.containsKey(name);
    }

    static Collection<XlatTable> all() {
        return TABLES.values();
    }

    private static Map<String, XlatTable> load() {
        Map<String, XlatTable> tables = new LinkedHashMap<>();
        try (InputStream in = XlatTables.class.getResourceAsStream(RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            List<Long> values = new ArrayList<>();
            List<String> names = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                if (fields[0].equals("flags") || fields[0].equals("enum")) {
                    if (name != null) {
                        tables.put(name, new XlatTable(name, values, names));
                    }
                    name = fields[1];
                    values = new ArrayList<>();
                    names = new ArrayList<>();
                } else {
                    names.add(fields[0]);
                    values.add(fields[1].startsWith("0x") ? Long.parseUnsignedLong(fields[1].substring(2), 16)
                            : Long.parseLong(fields[1]));
                }
            }
            if (name != null) {
                tables.put(name, new XlatTable(name, values, names));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Map.copyOf(tables);
    }
}
