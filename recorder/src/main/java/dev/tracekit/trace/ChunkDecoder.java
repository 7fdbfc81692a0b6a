package dev.tracekit.trace;

import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.Module;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes one chunk body written by {@link ChunkEncoder}. Dictionaries and histories live only as
 * long as the chunk, so chunks decode independently of each other. Records of unknown types are
 * skipped by their length (an unknown event still takes its time delta), bytes after the fields
 * a record type is known to have are ignored, and so are streams after those this version knows:
 * all three leave room for newer writers.
 */
final class ChunkDecoder {
    private static final ChildCreated.Kind[] CHILD_KINDS = ChildCreated.Kind.values();
    private static final StackSample.Trigger[] TRIGGERS = StackSample.Trigger.values();

    private final SyscallDecoder syscalls = new SyscallDecoder();
    private final List<String> strings = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<Stack> stacks = new ArrayList<>();
    /** The RECORDS stream; inside an inline record, limited to its payload. */
    private ByteSource in;
    private StreamSources streams;
    private long previousEnd;
    private long endTotal;

    /**
     * What one chunk held: its event records (those decoded and those of unknown types, which the
     * writer counted too), and the log's total when it held the end record.
     */
    record Result(int events, long endTotal) {
        boolean hasEnd() {
            return endTotal >= 0;
        }
    }

    /**
     * Decodes the chunk's streams, handing each event to {@code sink} in order.
     *
     * @throws MalformedException naming the stream and position where decoding failed
     */
    Result decode(StreamSources streams, Consumer<TraceEvent> sink) {
        strings.clear();
        modules.clear();
        frames.clear();
        stacks.clear();
        syscalls.clear();
        endTotal = -1;
        in = streams.get(ChunkStream.RECORDS);
        this.streams = streams;
        previousEnd = streams.baseTime();
        int events = 0;
        while (in.hasRemaining()) {
            if (endTotal >= 0) {
                throw in.malformed("records after the end record");
            }
            int type = in.readVarInt();
            TraceEvent event;
            if (type == RecordType.SYSCALL) {
                Syscall syscall = syscalls.readSyscall(readTime(), streams);
                previousEnd = syscall.time() + syscall.duration();
                event = syscall;
            } else if (type == RecordType.SYSCALL_ENTRY) {
                event = syscalls.readEntry(readTime(), streams);
            } else {
                int outerLimit = in.pushLimit(in.readVarInt());
                event = decodeInline(type);
                in.restoreLimit(outerLimit);
            }
            if (event != null) {
                sink.accept(event);
                events++;
            } else if (type >= RecordType.FIRST_EVENT) {
                events++;
            }
        }
        streams.checkConsumed();
        return new Result(events, endTotal);
    }

    /** Returns the event, or null for dictionary entries, the end marker and unknown types. */
    private TraceEvent decodeInline(int type) {
        switch (type) {
            case RecordType.END -> endTotal = readNonNegative();
            case RecordType.STRING -> strings.add(in.readString());
            case RecordType.MODULE -> modules.add(new Module(lookup(strings, in.readVarInt(), "string"), in.readLengthPrefixed()));
            case RecordType.FRAME -> frames.add(readFrame());
            case RecordType.STACK -> stacks.add(readStack());
            case RecordType.STACK_SAMPLE -> {
                long time = readTime();
                int tid = in.readVarInt();
                StackSample.Trigger trigger = TRIGGERS[readEnum(TRIGGERS.length, "sample trigger")];
                int syscall = in.readSignedVarInt();
                return new StackSample(time, tid, trigger, syscall, stackAt(in.readVarInt()));
            }
            case RecordType.SIGNAL -> {
                long time = readTime();
                return new SignalDelivery(time, in.readVarInt(), in.readVarInt(), in.readSignedVarInt(),
                        in.readSignedVarInt(), in.readVarInt(), in.readLengthPrefixed());
            }
            case RecordType.CHILD_CREATED -> {
                long time = readTime();
                int parent = in.readVarInt();
                int child = in.readVarInt();
                return new ChildCreated(time, parent, child, CHILD_KINDS[readEnum(CHILD_KINDS.length, "child kind")]);
            }
            case RecordType.EXEC -> {
                long time = readTime();
                return new Exec(time, in.readVarInt(), in.readVarInt());
            }
            case RecordType.EXIT -> {
                long time = readTime();
                return new Exit(time, in.readVarInt(), in.readVarInt());
            }
            case RecordType.THREAD_RENAMED -> {
                long time = readTime();
                return new ThreadRenamed(time, in.readVarInt(), lookup(strings, in.readVarInt(), "string"));
            }
            case RecordType.PROCESS -> {
                return readProcess();
            }
            case RecordType.THREAD -> {
                long time = readTime();
                return new ThreadInfo(time, in.readVarInt(), in.readVarInt(), stringAt(in.readVarInt()));
            }
            case RecordType.OPEN_FD -> {
                long time = readTime();
                return new OpenFd(time, in.readVarInt(), in.readVarInt(), stringAt(in.readVarInt()));
            }
            case RecordType.MAPPING -> {
                return readMapping();
            }
            default -> {
                // A record type from a newer writer: its length lets us step over it, and an
                // event's time delta must still be taken so the times after it stay right.
                if (type >= RecordType.FIRST_EVENT) {
                    readTime();
                }
            }
        }
        return null;
    }

    private ProcessInfo readProcess() {
        long time = readTime();
        int pid = in.readVarInt();
        int ppid = in.readVarInt();
        String exe = stringAt(in.readVarInt());
        int argc = in.readCount();
        List<String> argv = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            argv.add(lookup(strings, in.readVarInt(), "string"));
        }
        return new ProcessInfo(time, pid, ppid, exe, argv, stringAt(in.readVarInt()));
    }

    private Mapping readMapping() {
        long time = readTime();
        int pid = in.readVarInt();
        long start = in.readVarLong();
        long end = start + in.readVarLong();
        long offset = in.readVarLong();
        int permissions = in.readVarInt();
        String path = lookup(strings, in.readVarInt(), "string");
        return new Mapping(time, pid, start, end, offset, permissions, path, in.readLengthPrefixed());
    }

    private Frame readFrame() {
        long pc = in.readVarLong();
        int module = in.readVarInt();
        long offset = in.readVarLong();
        String symbol = stringAt(in.readVarInt());
        long symbolOffset = in.readVarLong();
        return new Frame(pc, module == 0 ? null : lookup(modules, module, "module"), offset, symbol, symbolOffset);
    }

    private Stack readStack() {
        boolean truncated = in.readByte() != 0;
        int depth = in.readCount();
        List<Frame> stackFrames = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            stackFrames.add(lookup(frames, in.readVarInt(), "frame"));
        }
        return new Stack(stackFrames, truncated);
    }

    /** An event's time: its delta from the end of the event before it. */
    private long readTime() {
        previousEnd += SplitVarint.readSigned(streams.get(ChunkStream.TIMES), streams.get(ChunkStream.TIMES_HIGH));
        return previousEnd;
    }

    private long readNonNegative() {
        long value = in.readVarLong();
        if (value < 0) {
            throw in.malformed("value " + Long.toUnsignedString(value) + " is out of range");
        }
        return value;
    }

    private int readEnum(int size, String what) {
        int ordinal = in.readByte();
        if (ordinal >= size) {
            throw in.malformed("unknown " + what + " " + ordinal, in.position() - 1);
        }
        return ordinal;
    }

    private String stringAt(int ref) {
        return ref == 0 ? null : lookup(strings, ref, "string");
    }

    private Stack stackAt(int ref) {
        return lookup(stacks, ref, "stack");
    }

    /** References are 1-based: entry i of a dictionary is written as i + 1. */
    private <T> T lookup(List<T> dictionary, int ref, String what) {
        if (ref < 1 || ref > dictionary.size()) {
            throw in.malformed(what + " reference " + Integer.toUnsignedString(ref)
                    + " is not defined (" + dictionary.size() + " so far in this chunk)");
        }
        return dictionary.get(ref - 1);
    }
}
