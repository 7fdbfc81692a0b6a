package dev.tracekit.stack.proc;

import dev.tracekit.stack.LoadedModule;
import dev.tracekit.stack.UnwoundFrame;
import dev.tracekit.stack.UnwoundStack;
import dev.tracekit.stack.elf.Demangler;
import dev.tracekit.stack.elf.ElfImage;
import dev.tracekit.stack.elf.SymbolLoader;
import dev.tracekit.stack.elf.SymbolTable;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Module;
import dev.tracekit.trace.event.Stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns unwound frames into log frames: module (path and build-id), file offset, symbol.
 * Symbols come from the module's ELF symbols (looked up at pc - 1 for return addresses), C++
 * names demangled; code outside any file (JIT) is named from the process's perf map.
 */
public final class Symbolizer {
    private final SymbolLoader loader;
    private final PerfMap perfMap;
    private final Map<String, Module> modules = new HashMap<>();

    /** {@code perfMap} may be null: no JIT names. */
    public Symbolizer(SymbolLoader loader, PerfMap perfMap) {
        this.loader = loader;
        this.perfMap = perfMap;
    }

    public Stack symbolize(UnwoundStack stack) {
        List<Frame> frames = new ArrayList<>(stack.frames().size());
        for (UnwoundFrame frame : stack.frames()) {
            frames.add(symbolize(frame));
        }
        return new Stack(frames, stack.truncated());
    }

    /** Reads the symbols of a module now (from its debug file, if any), rather than at its first frame. */
    public void preload(LoadedModule module) {
        if (module.image() != null) {
            module.image().symbols(loader.forPath(module.path()));
        }
    }

    public Frame symbolize(UnwoundFrame frame) {
        LoadedModule loaded = frame.module();
        ElfImage image = loaded == null ? null : loaded.image();
        if (image == null) {
            PerfMap.Symbol jit = perfMap == null ? null : perfMap.find(frame.lookupAddress());
            Module module = loaded == null || loaded.path().isEmpty() ? null : module(loaded.path(), ByteString.EMPTY);
            return jit == null ? new Frame(frame.pc(), module, frame.pc(), null, 0)
                    : new Frame(frame.pc(), module, frame.pc(), jit.name(), frame.pc() - jit.start());
        }
        long offset = loaded.fileAddress(frame.pc());
        Module module = module(loaded.path(), image.buildId());
        SymbolTable symbols = image.symbols(loader.forPath(loaded.path()));
        int index = symbols.find(loaded.fileAddress(frame.lookupAddress()));
        if (index < 0) {
            return new Frame(frame.pc(), module, offset, null, 0);
        }
        return new Frame(frame.pc(), module, offset, Demangler.demangle(symbols.name(index)), offset - symbols.start(index));
    }

    private Module module(String path, ByteString buildId) {
        return modules.computeIfAbsent(path + "\0" + buildId.toHex(), unused -> new Module(path, buildId));
    }
}
