package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes events into one chunk body: times as deltas from the previous event, strings,
 * modules, frames and stacks defined once per chunk and then referred to by index.
 * Reference 0 stands for null; index i is written as i + 1.
 */
final class ChunkEncoder {
    /** Capture address tag: the address is written out instead of naming an argument. */
    static final int ADDRESS_EXPLICIT = 7;

    private final ByteSink body = new ByteSink(1 << 16);
    private final ByteSink record = new ByteSink(512);
    private final ByteSink definition = new ByteSink(256);
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Module, Integer> modules = new HashMap<>();
    private final Map<Frame, Integer> frames = new HashMap<>();
    private final Map<Stack, Integer> stacks = new HashMap<>();
    private long previousTime;
    private int events;

    /** Starts a new chunk; its dictionaries start empty, so it decodes on its own. */
    void start(long baseTime) {
        body.clear();
        strings.clear();
        modules.clear();
        frames.clear();
        stacks.clear();
        events = 0;
        previousTime = baseTime;
        body.writeSignedVarLong(baseTime);
    }

    ByteSink body() {
        return body;
    }

    int events() {
        return events;
    }

    /** The last record of a log: how many events the whole log holds. */
    void end(long totalEvents) {
        record.clear();
        record.writeVarLong(totalEvents);
        emit(RecordType.END, record);
    }

    /**
     * Encodes the event unless that would grow the body past {@code maxBodySize}; then nothing of
     * it stays, dictionary entries included, and false is returned.
     */
    boolean tryEncode(TraceEvent event, int maxBodySize) {
        int bodySize = body.size();
        int stringCount = strings.size();
        int moduleCount = modules.size();
        int frameCount = frames.size();
        int stackCount = stacks.size();
        long timeBefore = previousTime;
        encode(event);
        if (body.size() <= maxBodySize) {
            return true;
        }
        body.truncate(bodySize);
        forget(strings, stringCount);
        forget(modules, moduleCount);
        forget(frames, frameCount);
        forget(stacks, stackCount);
        previousTime = timeBefore;
        events--;
        return false;
    }

    void encode(TraceEvent event) {
        if (event instanceof Syscall e) {
            encodeSyscall(e);
        } else if (event instanceof StackSample e) {
            encodeStackSample(e);
        } else if (event instanceof SyscallEntry e) {
            encodeSyscallEntry(e);
        } else if (event instanceof SignalDelivery e) {
            encodeSignal(e);
        } else if (event instanceof ChildCreated e) {
            startEvent(e.time());
            record.writeVarInt(e.parentTid());
            record.writeVarInt(e.childTid());
            record.writeByte(e.kind().ordinal());
            emitEvent(RecordType.CHILD_CREATED);
        } else if (event instanceof Exec e) {
            startEvent(e.time());
            record.writeVarInt(e.pid());
            record.writeVarInt(e.formerTid());
            emitEvent(RecordType.EXEC);
        } else if (event instanceof Exit e) {
            startEvent(e.time());
            record.writeVarInt(e.tid());
            record.writeVarInt(e.waitStatus());
            emitEvent(RecordType.EXIT);
        } else if (event instanceof ThreadRenamed e) {
            int name = stringRef(e.name());
            startEvent(e.time());
            record.writeVarInt(e.tid());
            record.writeVarInt(name);
            emitEvent(RecordType.THREAD_RENAMED);
        } else if (event instanceof ProcessInfo e) {
            encodeProcess(e);
        } else if (event instanceof ThreadInfo e) {
            int name = stringRef(e.name());
            startEvent(e.time());
            record.writeVarInt(e.tid());
            record.writeVarInt(e.pid());
            record.writeVarInt(name);
            emitEvent(RecordType.THREAD);
        } else if (event instanceof OpenFd e) {
            int path = stringRef(e.path());
            startEvent(e.time());
            record.writeVarInt(e.pid());
            record.writeVarInt(e.fd());
            record.writeVarInt(path);
            emitEvent(RecordType.OPEN_FD);
        } else if (event instanceof Mapping e) {
            encodeMapping(e);
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
    }

    private void encodeSyscall(Syscall e) {
        startEvent(e.time());
        record.writeVarInt(e.tid());
        record.writeVarInt(e.number());
        record.writeVarLong(e.duration());
        writeArgs(e.args());
        record.writeSignedVarLong(e.result());
        writeCaptures(e.captures(), e.args());
        emitEvent(RecordType.SYSCALL);
    }

    private void encodeSyscallEntry(SyscallEntry e) {
        startEvent(e.time());
        record.writeVarInt(e.tid());
        record.writeVarInt(e.number());
        writeArgs(e.args());
        writeCaptures(e.captures(), e.args());
        emitEvent(RecordType.SYSCALL_ENTRY);
    }

    /** Trailing zero arguments are left out: most calls take fewer than six. */
    private void writeArgs(SyscallArgs args) {
        int count = SyscallArgs.COUNT;
        while (count > 0 && args.get(count - 1) == 0) {
            count--;
        }
        record.writeByte(count);
        for (int i = 0; i < count; i++) {
            record.writeSignedVarLong(args.get(i));
        }
    }

    /** A capture usually starts where an argument points: then one tag byte names the argument. */
    private void writeCaptures(List<Capture> captures, SyscallArgs args) {
        record.writeVarInt(captures.size());
        for (Capture capture : captures) {
            int source = ADDRESS_EXPLICIT;
            for (int i = 0; i < SyscallArgs.COUNT; i++) {
                if (args.get(i) == capture.address()) {
                    source = i;
                    break;
                }
            }
            record.writeByte(source << 1 | capture.phase().ordinal());
            if (source == ADDRESS_EXPLICIT) {
                record.writeVarLong(capture.address());
            }
            ByteString bytes = capture.bytes();
            record.writeVarInt(bytes.length());
            long missing = capture.fullLength() == Capture.UNKNOWN_LENGTH
                    ? -1 : capture.fullLength() - bytes.length();
            record.writeSignedVarLong(missing);
            record.writeBytes(bytes);
        }
    }

    private void encodeSignal(SignalDelivery e) {
        startEvent(e.time());
        record.writeVarInt(e.tid());
        record.writeVarInt(e.signal());
        record.writeSignedVarLong(e.code());
        record.writeSignedVarLong(e.senderPid());
        record.writeVarInt(e.senderUid());
        record.writeVarInt(e.siginfo().length());
        record.writeBytes(e.siginfo());
        emitEvent(RecordType.SIGNAL);
    }

    private void encodeProcess(ProcessInfo e) {
        int exe = stringRef(e.exe());
        int[] argv = new int[e.argv().size()];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = stringRef(e.argv().get(i));
        }
        int cwd = stringRef(e.cwd());
        startEvent(e.time());
        record.writeVarInt(e.pid());
        record.writeVarInt(e.ppid());
        record.writeVarInt(exe);
        record.writeVarInt(argv.length);
        for (int arg : argv) {
            record.writeVarInt(arg);
        }
        record.writeVarInt(cwd);
        emitEvent(RecordType.PROCESS);
    }

    private void encodeMapping(Mapping e) {
        int path = stringRef(e.path());
        startEvent(e.time());
        record.writeVarInt(e.pid());
        record.writeVarLong(e.start());
        record.writeVarLong(e.end() - e.start());
        record.writeVarLong(e.fileOffset());
        record.writeVarInt(e.permissions());
        record.writeVarInt(path);
        record.writeVarInt(e.buildId().length());
        record.writeBytes(e.buildId());
        emitEvent(RecordType.MAPPING);
    }

    private void encodeStackSample(StackSample e) {
        int stack = stackRef(e.stack());
        startEvent(e.time());
        record.writeVarInt(e.tid());
        record.writeByte(e.trigger().ordinal());
        record.writeSignedVarLong(e.syscall());
        record.writeVarInt(stack);
        emitEvent(RecordType.STACK_SAMPLE);
    }

    private int stringRef(String s) {
        if (s == null) {
            return 0;
        }
        Integer known = strings.get(s);
        if (known != null) {
            return known;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        definition.clear();
        definition.writeLengthPrefixed(utf8);
        emit(RecordType.STRING, definition);
        int ref = strings.size() + 1;
        strings.put(s, ref);
        return ref;
    }

    private int moduleRef(Module module) {
        if (module == null) {
            return 0;
        }
        Integer known = modules.get(module);
        if (known != null) {
            return known;
        }
        int path = stringRef(module.path());
        definition.clear();
        definition.writeVarInt(path);
        definition.writeVarInt(module.buildId().length());
        definition.writeBytes(module.buildId());
        emit(RecordType.MODULE, definition);
        int ref = modules.size() + 1;
        modules.put(module, ref);
        return ref;
    }

    private int frameRef(Frame frame) {
        Integer known = frames.get(frame);
        if (known != null) {
            return known;
        }
        int module = moduleRef(frame.module());
        int symbol = stringRef(frame.symbol());
        definition.clear();
        definition.writeVarLong(frame.pc());
        definition.writeVarInt(module);
        definition.writeVarLong(frame.offset());
        definition.writeVarInt(symbol);
        definition.writeVarLong(frame.symbolOffset());
        emit(RecordType.FRAME, definition);
        int ref = frames.size() + 1;
        frames.put(frame, ref);
        return ref;
    }

    private int stackRef(Stack stack) {
        Integer known = stacks.get(stack);
        if (known != null) {
            return known;
        }
        int[] frameRefs = new int[stack.frames().size()];
        for (int i = 0; i < frameRefs.length; i++) {
            frameRefs[i] = frameRef(stack.frames().get(i));
        }
        definition.clear();
        definition.writeByte(stack.truncated() ? 1 : 0);
        definition.writeVarInt(frameRefs.length);
        for (int frame : frameRefs) {
            definition.writeVarInt(frame);
        }
        emit(RecordType.STACK, definition);
        int ref = stacks.size() + 1;
        stacks.put(stack, ref);
        return ref;
    }

    private static void forget(Map<?, Integer> dictionary, int keep) {
        if (dictionary.size() > keep) {
            dictionary.values().removeIf(ref -> ref > keep);
        }
    }

    private void startEvent(long time) {
        record.clear();
        record.writeSignedVarLong(time - previousTime);
        previousTime = time;
    }

    private void emitEvent(int type) {
        emit(type, record);
        events++;
    }

    private void emit(int type, ByteSink payload) {
        body.writeVarInt(type);
        body.writeVarInt(payload.size());
        body.append(payload);
    }
}
