package dev.tracekit.trace;

import dev.tracekit.trace.event.Capture;
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
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes one chunk body written by {@link ChunkEncoder}. Dictionaries live only as long as the
 * chunk, so chunks decode independently of each other. Records of unknown types are skipped
 * by their length, and bytes after the fields a record type is known to have are ignored:
 * both leave room for newer writers.
 */
final class ChunkDecoder {
    private static final ChildCreated.Kind[] CHILD_KINDS = ChildCreated.Kind.values();
    private static final StackSample.Trigger[] TRIGGERS = StackSample.Trigger.values();
    private static final Capture.Phase[] PHASES = Capture.Phase.values();

    private final List<String> strings = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<Stack> stacks = new ArrayList<>();
    private final long[] args = new long[SyscallArgs.COUNT];
    private ByteSource in;
    private long previousTime;
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
     * Decodes {@code body[0, length)}, handing each event to {@code sink} in order.
     *
     * @throws MalformedException with the position in the body where decoding failed
     */
    Result decode(byte[] body, int length, Consumer<TraceEvent> sink) {
        strings.clear();
        modules.clear();
        frames.clear();
        stacks.clear();
        endTotal = -1;
        in = new ByteSource(body, 0, length);
        previousTime = in.readSignedVarLong();
        int events = 0;
        while (in.hasRemaining()) {
            if (endTotal >= 0) {
                throw new MalformedException("records after the end record", in.position());
            }
            int type = in.readVarInt();
            int outerLimit = in.pushLimit(in.readVarInt());
            TraceEvent event = decodeRecord(type);
            in.restoreLimit(outerLimit);
            if (event != null) {
                sink.accept(event);
                events++;
            } else if (type >= RecordType.FIRST_EVENT) {
                events++;
            }
        }
        return new Result(events, endTotal);
    }

    /** Returns the event, or null for dictionary entries, the end marker and unknown types. */
    private TraceEvent decodeRecord(int type) {
        switch (type) {
            case RecordType.END -> endTotal = readNonNegative();
            case RecordType.STRING -> strings.add(in.readString());
            case RecordType.MODULE -> modules.add(new Module(lookup(strings, in.readVarInt(), "string"), in.readLengthPrefixed()));
            case RecordType.FRAME -> frames.add(readFrame());
            case RecordType.STACK -> stacks.add(readStack());
            case RecordType.SYSCALL -> {
                return readSyscall();
            }
            case RecordType.SYSCALL_ENTRY -> {
                long time = readTime();
                int tid = in.readVarInt();
                int number = in.readVarInt();
                SyscallArgs syscallArgs = readArgs();
                return new SyscallEntry(time, tid, number, syscallArgs, readCaptures(syscallArgs));
            }
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
                // A record type from a newer writer: its length lets us step over it.
            }
        }
        return null;
    }

    private Syscall readSyscall() {
        long time = readTime();
        int tid = in.readVarInt();
        int number = in.readVarInt();
        long duration = readNonNegative();
        SyscallArgs syscallArgs = readArgs();
        long result = in.readSignedVarLong();
        return new Syscall(time, tid, number, syscallArgs, duration, result, readCaptures(syscallArgs));
    }

    private SyscallArgs readArgs() {
        int count = in.readByte();
        if (count > SyscallArgs.COUNT) {
            throw new MalformedException("argument count " + count + " exceeds 6", in.position() - 1);
        }
        Arrays.fill(args, 0);
        for (int i = 0; i < count; i++) {
            args[i] = in.readSignedVarLong();
        }
        return new SyscallArgs(args[0], args[1], args[2], args[3], args[4], args[5]);
    }

    private List<Capture> readCaptures(SyscallArgs syscallArgs) {
        int count = in.readCount();
        if (count == 0) {
            return List.of();
        }
        List<Capture> captures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int tag = in.readByte();
            int source = tag >> 1;
            if (tag > (ChunkEncoder.ADDRESS_EXPLICIT << 1 | 1) || (source >= SyscallArgs.COUNT && source != ChunkEncoder.ADDRESS_EXPLICIT)) {
                throw new MalformedException("capture tag 0x" + Integer.toHexString(tag) + " names no argument", in.position() - 1);
            }
            long address = source == ChunkEncoder.ADDRESS_EXPLICIT ? in.readVarLong() : syscallArgs.get(source);
            int stored = in.readCount();
            long missing = in.readSignedVarLong();
            if (missing < -1) {
                throw new MalformedException("capture length is negative", in.position());
            }
            long fullLength = missing == -1 ? Capture.UNKNOWN_LENGTH : stored + missing;
            if (missing != -1 && fullLength < stored) {
                throw new MalformedException("capture length overflows", in.position());
            }
            captures.add(new Capture(PHASES[tag & 1], address, fullLength, in.readBytes(stored)));
        }
        return captures;
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

    private long readTime() {
        previousTime += in.readSignedVarLong();
        return previousTime;
    }

    private long readNonNegative() {
        long value = in.readVarLong();
        if (value < 0) {
            throw new MalformedException("value " + Long.toUnsignedString(value) + " is out of range", in.position());
        }
        return value;
    }

    private int readEnum(int size, String what) {
        int ordinal = in.readByte();
        if (ordinal >= size) {
            throw new MalformedException("unknown " + what + " " + ordinal, in.position() - 1);
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
            throw new MalformedException(what + " reference " + Integer.toUnsignedString(ref)
                    + " is not defined (" + dictionary.size() + " so far in this chunk)", in.position());
        }
        return dictionary.get(ref - 1);
    }
}
