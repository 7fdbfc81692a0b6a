package dev.tracekit.stack.cfi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** An index built by walking a whole section once: .debug_frame, or .eh_frame without .eh_frame_hdr. */
public final class ScannedFdeIndex implements FdeIndex {
    private final long[] starts;
    private final int[] positions;

    public ScannedFdeIndex(FrameSection section) {
        List<long[]> entries = new ArrayList<>();
        section.forEachFde((position, pcBegin) -> entries.add(new long[] {pcBegin, position}));
        entries.sort(Comparator.comparingLong(entry -> entry[0]));
        starts = new long[entries.size()];
        positions = new int[entries.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = entries.get(i)[0];
            positions[i] = (int) entries.get(i)[1];
        }
    }

    @Override
    public int candidate(long address) {
        int at = Arrays.binarySearch(starts, address);
        if (at < 0) {
            at = -at - 2;
        }
        return at < 0 ? -1 : positions[at];
    }
}
