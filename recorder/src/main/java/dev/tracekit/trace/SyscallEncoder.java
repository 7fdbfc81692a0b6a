package dev.tracekit.trace;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.List;

/**
 * Writes the fields of SYSCALL and SYSCALL_ENTRY records, each to its own stream: the call site,
 * the duration, the argument registers and result against the site's recent values, and the
 * captures.
 */
final class SyscallEncoder {
    /** Bytes a call takes at most besides its captures: every varint at its longest. */
    private static final int FIXED_BOUND = 160;

    private final StreamSinks streams;
    private final CallSites sites = new CallSites();
    private final CaptureEncoder captures = new CaptureEncoder();
    private final long[] values = new long[RecentValues.SLOTS];

    SyscallEncoder(StreamSinks streams) {
        this.streams = streams;
    }

    void clear() {
        sites.clear();
        captures.clear();
    }

    static long sizeBound(List<Capture> captures) {
        return FIXED_BOUND + CaptureEncoder.sizeBound(captures);
    }

    /** A SYSCALL record's fields; {@code exited} false for SYSCALL_ENTRY, which has no duration or result. */
    void write(int tid, int number, SyscallArgs args, boolean exited, long duration, long result, List<Capture> captured) {
        CallSites.Site site = sites.write(tid, number, streams.get(ChunkStream.CALLS));
        if (exited) {
            SplitVarint.write(duration, streams.get(ChunkStream.DURATIONS), streams.get(ChunkStream.DURATIONS_HIGH));
        }
        for (int i = 0; i < SyscallArgs.COUNT; i++) {
            values[i] = args.get(i);
        }
        values[RecentValues.RESULT] = result;
        RecentValues.write(site.recent, values, exited ? RecentValues.SLOTS : SyscallArgs.COUNT,
                streams.get(ChunkStream.ARGS), streams.get(ChunkStream.VALUES));
        captures.write(captured, args, site, exited, result, streams);
    }
}
