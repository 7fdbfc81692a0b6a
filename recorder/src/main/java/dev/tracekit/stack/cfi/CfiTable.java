package dev.tracekit.stack.cfi;

/** One section of call-frame information and an index into it. */
public final class CfiTable {
    private final FrameSection section;
    private final FdeIndex index;

    public CfiTable(FrameSection section, FdeIndex index) {
        this.section = section;
        this.index = index;
    }

    /** Indexes a section by scanning it: .debug_frame, or .eh_frame without .eh_frame_hdr. */
    public static CfiTable scanned(FrameSection section) {
        return new CfiTable(section, new ScannedFdeIndex(section));
    }

    /** The FDE covering a file address, or null: FDEs have gaps between them. */
    public Fde find(long address) {
        int position = index.candidate(address);
        if (position < 0) {
            return null;
        }
        Fde fde = section.fdeAt(position);
        return fde != null && fde.covers(address) ? fde : null;
    }
}
