package dev.tracekit.trace;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;

import java.util.List;

/** Reads the fields {@link SyscallEncoder} wrote, stream by stream. */
final class SyscallDecoder {
    private final CallSites sites = new CallSites();
    private final CaptureDecoder captures = new CaptureDecoder();
    private final long[] values = new long[RecentValues.SLOTS];

    void clear() {
        sites.clear();
        captures.clear();
    }

    Syscall readSyscall(long time, StreamSources streams) {
        CallSites.Site site = sites.read(streams.get(ChunkStream.CALLS));
        ByteSource durations = streams.get(ChunkStream.DURATIONS);
        long duration = SplitVarint.read(durations, streams.get(ChunkStream.DURATIONS_HIGH));
        if (duration < 0) {
            throw durations.malformed("duration " + Long.toUnsignedString(duration) + " is out of range", durations.position() - 1);
        }
        SyscallArgs args = readArgs(site, RecentValues.SLOTS, streams);
        long result = values[RecentValues.RESULT];
        List<Capture> captured = captures.read(args, site, true, result, streams);
        return new Syscall(time, site.tid, site.number, args, duration, result, captured);
    }

    SyscallEntry readEntry(long time, StreamSources streams) {
        CallSites.Site site = sites.read(streams.get(ChunkStream.CALLS));
        SyscallArgs args = readArgs(site, SyscallArgs.COUNT, streams);
        return new SyscallEntry(time, site.tid, site.number, args, captures.read(args, site, false, 0, streams));
    }

    private SyscallArgs readArgs(CallSites.Site site, int slots, StreamSources streams) {
        RecentValues.read(site.recent, values, slots, streams.get(ChunkStream.ARGS), streams.get(ChunkStream.VALUES));
        return new SyscallArgs(values[0], values[1], values[2], values[3], values[4], values[5]);
    }
}
