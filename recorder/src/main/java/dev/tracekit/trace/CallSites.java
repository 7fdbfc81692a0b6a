package dev.tracekit.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The call sites of one chunk: every (thread, system call number) pair is numbered from 1 in
 * order of first appearance, so a call names both by one small number, and 0 introduces a new
 * pair with its tid and number. Each site keeps the values its calls had recently (see
 * {@link RecentValues}). The writer uses {@link #write}, the reader {@link #read}.
 */
final class CallSites {
    static final class Site {
        final int tid;
        final int number;
        final RecentValues.History recent = new RecentValues.History();
        /** The capture count and tags of the site's last call: the next call's are written against them. */
        int captureCount;
        final int[] tags = new int[CaptureEncoder.PREDICTED_TAGS];

        private Site(int tid, int number) {
            this.tid = tid;
            this.number = number;
        }
    }

    private final Map<Long, Integer> refs = new HashMap<>();
    private final List<Site> sites = new ArrayList<>();

    void clear() {
        refs.clear();
        sites.clear();
    }

    Site write(int tid, int number, ByteSink out) {
        Integer ref = refs.putIfAbsent((long) tid << 32 | Integer.toUnsignedLong(number), sites.size() + 1);
        if (ref != null) {
            out.writeVarInt(ref);
            return sites.get(ref - 1);
        }
        out.writeVarInt(0);
        out.writeVarInt(tid);
        out.writeVarInt(number);
        Site site = new Site(tid, number);
        sites.add(site);
        return site;
    }

    Site read(ByteSource in) {
        int ref = in.readVarInt();
        if (ref == 0) {
            Site site = new Site(in.readVarInt(), in.readVarInt());
            sites.add(site);
            return site;
        }
        if (ref < 0 || ref > sites.size()) {
            throw in.malformed("call site " + Integer.toUnsignedString(ref) + " is not defined ("
                    + sites.size() + " so far in this chunk)");
        }
        return sites.get(ref - 1);
    }
}
