package dev.tracekit.trace;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;

import java.util.List;
import java.util.zip.Deflater;

/**
 * Encodes events into one chunk body of streams (see {@link ChunkStream}). System calls, nearly
 * every event of a trace, are split field by field across the streams; the other records keep
 * their fields together as a length-prefixed payload in the RECORDS stream. Every event's time is
 * a delta in the TIMES stream from the end of the event before it (a system call ends at time +
 * duration), which for a thread that calls and calls again is the short gap between two calls.
 */
final class ChunkEncoder {
    private final StreamSinks streams = new StreamSinks();
    private final ByteSink records = streams.get(ChunkStream.RECORDS);
    private final ByteSink payload = new ByteSink(512);
    private final DictionaryEncoder dictionaries = new DictionaryEncoder(records);
    private final SyscallEncoder syscalls = new SyscallEncoder(streams);
    private long baseTime;
    private long previousEnd;
    private int events;

    /** Starts a new chunk; its dictionaries and histories start empty, so it decodes on its own. */
    void start(long baseTime) {
        streams.clear();
        dictionaries.clear();
        syscalls.clear();
        events = 0;
        this.baseTime = baseTime;
        previousEnd = baseTime;
    }

    int events() {
        return events;
    }

    /** The body length: all streams together, before compression. */
    int size() {
        return streams.size();
    }

    /** Appends the chunk's stored payload; a null deflater stores every stream as is. */
    void writePayload(Deflater deflater, ByteSink out, StreamStats stats) {
        streams.writePayload(baseTime, deflater, out, stats);
    }

    /** The last record of a log: how many events the whole log holds. */
    void end(long totalEvents) {
        payload.clear();
        payload.writeVarLong(totalEvents);
        emitInline(RecordType.END);
    }

    /**
     * Encodes the event unless that would grow the body past {@code maxBodySize}; then nothing of
     * it stays, dictionary entries included, and false is returned.
     */
    boolean tryEncode(TraceEvent event, int maxBodySize) {
        // A system call changes too much state to take back; it is measured before instead.
        List<Capture> captures = event instanceof Syscall e ? e.captures()
                : event instanceof SyscallEntry e ? e.captures() : null;
        if (captures != null) {
            if ((long) size() + SyscallEncoder.sizeBound(captures) > maxBodySize) {
                return false;
            }
            encode(event);
            return true;
        }
        int recordsSize = records.size();
        int timesSize = streams.get(ChunkStream.TIMES).size();
        int timesHighSize = streams.get(ChunkStream.TIMES_HIGH).size();
        long endBefore = previousEnd;
        DictionaryEncoder.Mark mark = dictionaries.mark();
        encode(event);
        if (size() <= maxBodySize) {
            return true;
        }
        records.truncate(recordsSize);
        streams.get(ChunkStream.TIMES).truncate(timesSize);
        streams.get(ChunkStream.TIMES_HIGH).truncate(timesHighSize);
        previousEnd = endBefore;
        dictionaries.rollback(mark);
        events--;
        return false;
    }

    void encode(TraceEvent event) {
        if (event instanceof Syscall e) {
            startColumnar(RecordType.SYSCALL, e.time(), e.time() + e.duration());
            syscalls.write(e.tid(), e.number(), e.args(), true, e.duration(), e.result(), e.captures());
        } else if (event instanceof SyscallEntry e) {
            startColumnar(RecordType.SYSCALL_ENTRY, e.time(), e.time());
            syscalls.write(e.tid(), e.number(), e.args(), false, 0, 0, e.captures());
        } else if (event instanceof StackSample e) {
            int stack = dictionaries.stackRef(e.stack());
            startInline(e.time());
            payload.writeVarInt(e.tid());
            payload.writeByte(e.trigger().ordinal());
            payload.writeSignedVarLong(e.syscall());
            payload.writeVarInt(stack);
            emitInline(RecordType.STACK_SAMPLE);
        } else if (event instanceof SignalDelivery e) {
            startInline(e.time());
            payload.writeVarInt(e.tid());
            payload.writeVarInt(e.signal());
            payload.writeSignedVarLong(e.code());
            payload.writeSignedVarLong(e.senderPid());
            payload.writeVarInt(e.senderUid());
            payload.writeVarInt(e.siginfo().length());
            payload.writeBytes(e.siginfo());
            emitInline(RecordType.SIGNAL);
        } else if (event instanceof ChildCreated e) {
            startInline(e.time());
            payload.writeVarInt(e.parentTid());
            payload.writeVarInt(e.childTid());
            payload.writeByte(e.kind().ordinal());
            emitInline(RecordType.CHILD_CREATED);
        } else if (event instanceof Exec e) {
            startInline(e.time());
            payload.writeVarInt(e.pid());
            payload.writeVarInt(e.formerTid());
            emitInline(RecordType.EXEC);
        } else if (event instanceof Exit e) {
            startInline(e.time());
            payload.writeVarInt(e.tid());
            payload.writeVarInt(e.waitStatus());
            emitInline(RecordType.EXIT);
        } else if (event instanceof ThreadRenamed e) {
            int name = dictionaries.stringRef(e.name());
            startInline(e.time());
            payload.writeVarInt(e.tid());
            payload.writeVarInt(name);
            emitInline(RecordType.THREAD_RENAMED);
        } else if (event instanceof ProcessInfo e) {
            encodeProcess(e);
        } else if (event instanceof ThreadInfo e) {
            int name = dictionaries.stringRef(e.name());
            startInline(e.time());
            payload.writeVarInt(e.tid());
            payload.writeVarInt(e.pid());
            payload.writeVarInt(name);
            emitInline(RecordType.THREAD);
        } else if (event instanceof OpenFd e) {
            int path = dictionaries.stringRef(e.path());
            startInline(e.time());
            payload.writeVarInt(e.pid());
            payload.writeVarInt(e.fd());
            payload.writeVarInt(path);
            emitInline(RecordType.OPEN_FD);
        } else if (event instanceof Mapping e) {
            encodeMapping(e);
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
        events++;
    }

    private void encodeProcess(ProcessInfo e) {
        int exe = dictionaries.stringRef(e.exe());
        int[] argv = new int[e.argv().size()];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = dictionaries.stringRef(e.argv().get(i));
        }
        int cwd = dictionaries.stringRef(e.cwd());
        startInline(e.time());
        payload.writeVarInt(e.pid());
        payload.writeVarInt(e.ppid());
        payload.writeVarInt(exe);
        payload.writeVarInt(argv.length);
        for (int arg : argv) {
            payload.writeVarInt(arg);
        }
        payload.writeVarInt(cwd);
        emitInline(RecordType.PROCESS);
    }

    private void encodeMapping(Mapping e) {
        int path = dictionaries.stringRef(e.path());
        startInline(e.time());
        payload.writeVarInt(e.pid());
        payload.writeVarLong(e.start());
        payload.writeVarLong(e.end() - e.start());
        payload.writeVarLong(e.fileOffset());
        payload.writeVarInt(e.permissions());
        payload.writeVarInt(path);
        payload.writeVarInt(e.buildId().length());
        payload.writeBytes(e.buildId());
        emitInline(RecordType.MAPPING);
    }

    private void startColumnar(int type, long time, long end) {
        records.writeVarInt(type);
        writeTime(time, end);
    }

    private void startInline(long time) {
        payload.clear();
        writeTime(time, time);
    }

    private void writeTime(long time, long end) {
        SplitVarint.writeSigned(time - previousEnd, streams.get(ChunkStream.TIMES), streams.get(ChunkStream.TIMES_HIGH));
        previousEnd = end;
    }

    private void emitInline(int type) {
        records.writeVarInt(type);
        records.writeVarInt(payload.size());
        records.append(payload);
    }
}
