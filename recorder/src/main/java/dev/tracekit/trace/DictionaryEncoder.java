package dev.tracekit.trace;

import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Module;
import dev.tracekit.trace.event.Stack;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Strings, modules, frames and stacks, each defined once per chunk by a record in the RECORDS
 * stream and then named by reference. Reference 0 stands for null; entry i is written as i + 1.
 */
final class DictionaryEncoder {
    /** Dictionary sizes to go back to when an event is taken back. */
    record Mark(int strings, int modules, int frames, int stacks) {
    }

    private final ByteSink records;
    private final ByteSink definition = new ByteSink(256);
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Module, Integer> modules = new HashMap<>();
    private final Map<Frame, Integer> frames = new HashMap<>();
    private final Map<Stack, Integer> stacks = new HashMap<>();

    DictionaryEncoder(ByteSink records) {
        this.records = records;
    }

    void clear() {
        strings.clear();
        modules.clear();
        frames.clear();
        stacks.clear();
    }

    Mark mark() {
        return new Mark(strings.size(), modules.size(), frames.size(), stacks.size());
    }

    /** Forgets the entries defined since the mark; the caller drops their records. */
    void rollback(Mark mark) {
        forget(strings, mark.strings());
        forget(modules, mark.modules());
        forget(frames, mark.frames());
        forget(stacks, mark.stacks());
    }

    int stringRef(String s) {
        if (s == null) {
            return 0;
        }
        Integer known = strings.get(s);
        if (known != null) {
            return known;
        }
        definition.clear();
        definition.writeLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
        define(RecordType.STRING);
        int ref = strings.size() + 1;
        strings.put(s, ref);
        return ref;
    }

    int stackRef(Stack stack) {
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
        define(RecordType.STACK);
        int ref = stacks.size() + 1;
        stacks.put(stack, ref);
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
        define(RecordType.MODULE);
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
        define(RecordType.FRAME);
        int ref = frames.size() + 1;
        frames.put(frame, ref);
        return ref;
    }

    private void define(int type) {
        records.writeVarInt(type);
        records.writeVarInt(definition.size());
        records.append(definition);
    }

    private static void forget(Map<?, Integer> dictionary, int keep) {
        if (dictionary.size() > keep) {
            dictionary.values().removeIf(ref -> ref > keep);
        }
    }
}
