package dev.tracekit.stack.proc;

import dev.tracekit.stack.LoadedModule;
import dev.tracekit.stack.Modules;
import dev.tracekit.stack.elf.DebugFiles;
import dev.tracekit.stack.elf.ElfFormatException;
import dev.tracekit.stack.elf.ElfImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The executable mappings of one live process as {@link LoadedModule}s. Files are opened
 * through /proc/PID/map_files/START-END (right even for deleted or replaced binaries and in
 * other mount namespaces), else /proc/PID/root/PATH, and their separate debug files (for CFI
 * that is only there) are looked for where GDB looks; the vDSO is read from the process's memory.
 * The maps are re-read when an address falls outside every mapping (a dlopen since the last
 * read), at most once per {@link #REREAD_INTERVAL_NANOS} so garbage pcs cannot make us re-read
 * at every frame; and at the next lookup after {@link #markStale} (a tracer that sees mmap and
 * munmap knows when code comes and goes).
 */
public final class ProcessModules implements Modules {
    static final long REREAD_INTERVAL_NANOS = 10_000_000;
    private static final int MAX_VDSO = 1 << 20;
    private static final DebugFiles DEBUG_FILES = new DebugFiles(DebugFiles.DEFAULT_ROOT);

    private final int pid;
    private final ImageCache cache;
    private final RemoteMemory remote;
    private final Map<Long, LoadedModule> loaded = new HashMap<>();
    private ProcessMap map;
    private long readAt;
    private boolean stale;

    /** Reads a range of the process's memory; null when it cannot. */
    public interface RemoteMemory {
        byte[] read(long address, int length);
    }

    public ProcessModules(int pid, ImageCache cache, RemoteMemory remote) throws IOException {
        this.pid = pid;
        this.cache = cache;
        this.remote = remote;
        reread();
    }

    @Override
    public LoadedModule find(long address) {
        if (stale) {
            try {
                reread();
            } catch (IOException e) {
                return null;
            }
        }
        ProcessMap.Entry entry = map.find(address);
        if (entry == null && System.nanoTime() - readAt > REREAD_INTERVAL_NANOS) {
            try {
                reread();
            } catch (IOException e) {
                return null; // the process is gone
            }
            entry = map.find(address);
        }
        if (entry == null || !entry.executable()) {
            return null;
        }
        LoadedModule module = loaded.get(entry.start());
        if (module == null) {
            module = load(entry);
            loaded.put(entry.start(), module);
        }
        return module;
    }

    /** Loads the module of every executable mapping now, rather than at the first pc inside it. */
    public List<LoadedModule> loadAll() {
        List<LoadedModule> modules = new ArrayList<>();
        for (ProcessMap.Entry entry : map.entries()) {
            if (entry.executable()) {
                LoadedModule module = find(entry.start());
                if (module != null) {
                    modules.add(module);
                }
            }
        }
        return modules;
    }

    /** Executable mappings may have changed: re-read the maps before the next lookup. */
    public void markStale() {
        stale = true;
    }

    private void reread() throws IOException {
        map = ProcessMap.read(pid);
        readAt = System.nanoTime();
        stale = false;
        loaded.values().removeIf(module -> {
            ProcessMap.Entry now = map.find(module.start());
            return now == null || now.start() != module.start() || now.end() != module.end()
                    || !module.path().equals(now.filePath());
        });
    }

    private LoadedModule load(ProcessMap.Entry entry) {
        if (entry.path().equals("[vdso]")) {
            byte[] bytes = remote.read(entry.start(), (int) Math.min(entry.end() - entry.start(), MAX_VDSO));
            ElfImage image = bytes == null ? null : vdsoImage(bytes);
            long bias = image == null ? 0 : entry.start() - image.lowestLoadAddress();
            return new LoadedModule(entry.start(), entry.end(), bias, image, entry.path());
        }
        if (!entry.isFile()) {
            return new LoadedModule(entry.start(), entry.end(), 0, null, entry.path()); // JIT code, trampolines
        }
        ElfImage image = cache.get(ImageCache.fileKey(entry.device(), entry.inode()), () -> open(entry));
        long bias = image == null ? 0 : image.loadBias(entry.start(), entry.offset());
        return new LoadedModule(entry.start(), entry.end(), bias, image, entry.filePath());
    }

    private ElfImage vdsoImage(byte[] bytes) {
        try {
            ElfImage parsed = ElfImage.of("[vdso]", bytes);
            ElfImage shared = cache.get("vdso:" + parsed.buildId().toHex(), () -> parsed);
            return shared != null ? shared : parsed;
        } catch (ElfFormatException e) {
            return null;
        }
    }

    private ElfImage open(ProcessMap.Entry entry) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        Path viaMapFiles = proc.resolve("map_files")
                .resolve(Long.toHexString(entry.start()) + "-" + Long.toHexString(entry.end()));
        Path viaRoot = proc.resolve("root").resolve(entry.filePath().substring(1));
        for (Path candidate : new Path[] {viaMapFiles, viaRoot}) {
            try {
                if (Files.isReadable(candidate)) {
                    return ElfImage.open(candidate, image -> DEBUG_FILES.open(image, entry.filePath()));
                }
            } catch (IOException e) {
                // try the next way in
            }
        }
        return null;
    }
}
