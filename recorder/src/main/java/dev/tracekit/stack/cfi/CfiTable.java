package dev.tracekit.stack.cfi;

/** The call-frame information of one object: .eh_frame and an index into it. */
public final class CfiTable {
    private final EhFrame ehFrame;
    private final FdeIndex index;

    public CfiTable(EhFrame ehFrame, FdeIndex index) {
        this.ehFrame = ehFrame;
        this.index = index;
    }

    /** Indexes .eh_frame by scanning it: for objects without .eh_frame_hdr. */
    public static CfiTable scanned(EhFrame ehFrame) {
        return new CfiTable(ehFrame, new ScannedFdeIndex(ehFrame));
    }

    public EhFrame ehFrame() {
        return ehFrame;
    }

    /** The FDE covering a file address, or null: FDEs have gaps between them. */
    public Fde find(long address) {
        int position = index.candidate(address);
        if (position < 0) {
            return null;
        }
        Fde fde = ehFrame.fdeAt(position);
        return fde != null && fde.covers(address) ? fde : null;
    }
}
