package dev.tracekit.stack.elf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Choosing among aliases and covering size-0 symbols. */
class SymbolTableTest {
    private static final int LOCAL = 0;
    private static final int GLOBAL = 1;
    private static final int WEAK = 2;

    private final SymbolTable table = SymbolTable.of(List.of(
            new SymbolTable.Symbol(0x1000, 0x20, "nanosleep", WEAK),
            new SymbolTable.Symbol(0x1000, 0x20, "__GI___nanosleep", GLOBAL),
            new SymbolTable.Symbol(0x1000, 0x20, "__nanosleep", GLOBAL),
            new SymbolTable.Symbol(0x1100, 0x10, "clock_nanosleep@GLIBC_2.2.5", GLOBAL),
            new SymbolTable.Symbol(0x1200, 0, "__restore_rt", LOCAL),
            new SymbolTable.Symbol(0x1300, 0x10, "after", LOCAL)));

    @Test
    void globalNamesWinOverWeakAndInternalAliases() {
        assertEquals("__nanosleep", table.name(table.find(0x1010)));
    }

    @Test
    void versionsAreStripped() {
        assertEquals("clock_nanosleep", table.name(table.find(0x1100)));
    }

    @Test
    void gapsAfterASizedSymbolAreUnnamed() {
        assertEquals(-1, table.find(0x1020));
        assertEquals(-1, table.find(0x0fff));
    }

    @Test
    void sizeZeroSymbolsCoverUpToTheNext() {
        assertEquals("__restore_rt", table.name(table.find(0x1208)));
        assertEquals("after", table.name(table.find(0x1300)));
    }

    @Test
    void mergingKeepsTheFirstTablesNames() {
        SymbolTable merged = table.mergedWith(SymbolTable.of(List.of(
                new SymbolTable.Symbol(0x1000, 0x20, "other", GLOBAL),
                new SymbolTable.Symbol(0x1400, 0x20, "hidden_function", LOCAL))));
        assertEquals("__nanosleep", merged.name(merged.find(0x1000)));
        assertEquals("hidden_function", merged.name(merged.find(0x1410)));
    }
}
