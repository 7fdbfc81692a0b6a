package dev.tracekit.stack.cfi;

import java.util.List;

/**
 * The call-frame information of one object, which may be kept in more than one section:
 * tables searched in order, the first FDE covering an address wins.
 */
public final class ObjectCfi {
    private final List<CfiTable> tables;

    public ObjectCfi(List<CfiTable> tables) {
        this.tables = List.copyOf(tables);
    }

    /** The FDE covering a file address, or null when no table has one. */
    public Fde find(long address) {
        for (CfiTable table : tables) {
            Fde fde = table.find(address);
            if (fde != null) {
                return fde;
            }
        }
        return null;
    }
}
