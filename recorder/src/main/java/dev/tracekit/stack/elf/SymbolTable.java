package dev.tracekit.stack.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Function symbols sorted by address, one name per address. Among aliases the best name wins:
 * GLOBAL over WEAK over LOCAL, and never glibc's internal {@code __GI_} names. "@VERSION" is
 * stripped. A lookup finds the symbol that contains an address; a size-0 symbol (hand-written
 * assembly such as {@code __restore_rt}) covers everything up to the next symbol.
 */
public final class SymbolTable {
    public static final SymbolTable EMPTY = new SymbolTable(new long[0], new long[0], new String[0]);
    private static final int ENTRY_SIZE = 24;
    private static final int STT_FUNC = 2;
    private static final int STT_GNU_IFUNC = 10;
    private static final int STB_LOCAL = 0;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;

    private final long[] starts;
    private final long[] sizes;
    private final String[] names;

    private SymbolTable(long[] starts, long[] sizes, String[] names) {
        this.starts = starts;
        this.sizes = sizes;
        this.names = names;
    }

    /** Reads the defined FUNC and GNU_IFUNC symbols of a SHT_SYMTAB or SHT_DYNSYM section. */
    static SymbolTable read(ByteBuffer file, ElfSection table, ElfSection strings) {
        List<Symbol> symbols = new ArrayList<>();
        long end = Math.min(table.offset() + table.size(), file.limit());
        for (long at = table.offset(); at + ENTRY_SIZE <= end; at += ENTRY_SIZE) {
            int info = Byte.toUnsignedInt(file.get((int) at + 4));
            int type = info & 0xf;
            int section = Short.toUnsignedInt(file.getShort((int) at + 6));
            long value = file.getLong((int) at + 8);
            if ((type != STT_FUNC && type != STT_GNU_IFUNC) || section == 0 || value == 0) {
                continue;
            }
            long nameOffset = strings.offset() + Integer.toUnsignedLong(file.getInt((int) at));
            symbols.add(new Symbol(value, file.getLong((int) at + 16), cString(file, nameOffset), info >> 4));
        }
        return of(symbols);
    }

    /** A table from symbols in any order, aliases included. */
    public static SymbolTable of(List<Symbol> symbols) {
        List<Symbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingLong(Symbol::address).thenComparing(SymbolTable::rank));
        int count = 0;
        long[] starts = new long[sorted.size()];
        long[] sizes = new long[sorted.size()];
        String[] names = new String[sorted.size()];
        for (Symbol symbol : sorted) {
            if (count > 0 && starts[count - 1] == symbol.address()) {
                sizes[count - 1] = Math.max(sizes[count - 1], symbol.size());
                continue; // an alias of a better name already kept
            }
            starts[count] = symbol.address();
            sizes[count] = symbol.size();
            names[count] = stripVersion(symbol.name());
            count++;
        }
        return new SymbolTable(Arrays.copyOf(starts, count), Arrays.copyOf(sizes, count), Arrays.copyOf(names, count));
    }

    /** This table with the symbols of {@code other} at addresses it does not cover (MiniDebugInfo). */
    public SymbolTable mergedWith(SymbolTable other) {
        List<Symbol> all = new ArrayList<>(size() + other.size());
        for (int i = 0; i < size(); i++) {
            all.add(new Symbol(starts[i], sizes[i], names[i], STB_GLOBAL));
        }
        for (int i = 0; i < other.size(); i++) {
            all.add(new Symbol(other.starts[i], other.sizes[i], other.names[i], STB_LOCAL));
        }
        return of(all);
    }

    public int size() {
        return starts.length;
    }

    /** The index of the symbol containing file address {@code address}, or -1. */
    public int find(long address) {
        int at = Arrays.binarySearch(starts, address);
        if (at < 0) {
            at = -at - 2;
        }
        if (at < 0) {
            return -1;
        }
        return sizes[at] == 0 || address - starts[at] < sizes[at] ? at : -1;
    }

    public String name(int index) {
        return names[index];
    }

    public long start(int index) {
        return starts[index];
    }

    /** The address of a symbol by name, or -1: for tests and re-symbolizing checks. */
    public long addressOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return starts[i];
            }
        }
        return -1;
    }

    /** Lower is better among aliases at one address. */
    private static int rank(Symbol symbol) {
        int binding = switch (symbol.binding()) {
            case STB_GLOBAL -> 0;
            case STB_WEAK -> 1;
            default -> 2;
        };
        return (symbol.name().startsWith("__GI_") ? 10 : 0) + binding;
    }

    private static String stripVersion(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private static String cString(ByteBuffer file, long offset) {
        int start = (int) offset;
        int end = start;
        while (end < file.limit() && file.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - start];
        file.get(start, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A symbol before deduplication; {@code binding} is STB_LOCAL 0, GLOBAL 1, WEAK 2. */
    public record Symbol(long address, long size, String name, int binding) {
    }
}
