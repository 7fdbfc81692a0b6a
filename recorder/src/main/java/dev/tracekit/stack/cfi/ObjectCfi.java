package dev.tracekit.stack.cfi;

import java.util.List;
import java.util.function.Supplier;

/**
 * The call-frame information of one object, which may be kept in more than one section:
 * tables searched in order, the first FDE covering an address wins. The last one, {@code
 * fallback}, is loaded only at the first address the others miss: it is the separate debug
 * file's, which most objects never need.
 */
public final class ObjectCfi {
    private final List<CfiTable> tables;
    private final Supplier<CfiTable> fallback;
    private CfiTable fallbackTable;
    private boolean fallbackLoaded;

    /** {@code fallback} returns null when there is no such table. */
    public ObjectCfi(List<CfiTable> tables, Supplier<CfiTable> fallback) {
        this.tables = List.copyOf(tables);
        this.fallback = fallback;
    }

    /** The FDE covering a file address, or null when no table has one. */
    public Fde find(long address) {
        for (CfiTable table : tables) {
            Fde fde = table.find(address);
            if (fde != null) {
                return fde;
            }
        }
        CfiTable last = fallbackTable();
        return last == null ? null : last.find(address);
    }

    private synchronized CfiTable fallbackTable() {
        if (!fallbackLoaded) {
            fallbackLoaded = true;
            fallbackTable = fallback.get();
        }
        return fallbackTable;
    }
}
