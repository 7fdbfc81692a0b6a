package dev.tracekit.stack;

import dev.tracekit.record.Detached;
import dev.tracekit.stack.elf.DebugFiles;
import dev.tracekit.stack.elf.SymbolLoader;
import dev.tracekit.stack.proc.ImageCache;
import dev.tracekit.stack.proc.PerfMap;
import dev.tracekit.stack.proc.ProcessModules;
import dev.tracekit.stack.proc.Symbolizer;
import dev.tracekit.stack.sample.CaptureReader;
import dev.tracekit.stack.sample.SeizedProcess;
import dev.tracekit.stack.sample.StackSampler;
import dev.tracekit.stack.sample.ThreadCapture;
import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.trace.event.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Starts sample programs and samples their stacks with ptrace, as a pstack-like tool would. */
final class LiveStacks {
    static final ImageCache IMAGES = new ImageCache();
    static final SymbolLoader SYMBOLS = new SymbolLoader(new DebugFiles(DebugFiles.DEFAULT_ROOT));

    private LiveStacks() {
    }

    /** A sample program started detached; {@code ready} appears once its chain is in place. */
    static Detached start(Path dir, List<String> command, Path ready) throws Exception {
        Detached process = Detached.start(dir, command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline || !process.alive()) {
                process.kill();
                throw new AssertionError("the sample never became ready: " + command);
            }
            Thread.sleep(2);
        }
        return process;
    }

    /** Waits until every thread sleeps (S): a blocked chain holds still. */
    static void awaitAsleep(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allAsleep(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads of " + pid + " never all slept");
            }
            Thread.sleep(5);
        }
    }

    private static boolean allAsleep(int pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                if (stat.charAt(stat.lastIndexOf(')') + 2) != 'S') {
                    return false;
                }
            }
        }
        return true;
    }

    /** One sample of every thread, seized and released again; symbolized stacks by tid. */
    static Map<Integer, Sampled> sampleOnce(int pid) throws IOException {
        return sample(pid, 1, true).get(0);
    }

    /**
     * {@code count} samples of every thread within one seizure. Without {@code resume} the
     * threads stay stopped after the (single) sample: for a group-stopped process that must
     * remain stopped when detached.
     */
    static List<Map<Integer, Sampled>> sample(int pid, int count, boolean resume) throws IOException {
        List<Map<Integer, Sampled>> samples = new ArrayList<>();
        ProcessMemory memory = new ProcessMemory();
        ProcessModules modules = new ProcessModules(pid, IMAGES, (address, length) -> {
            int got = memory.read(pid, address, length);
            return got == length ? java.util.Arrays.copyOf(memory.bytes(), got) : null;
        });
        Symbolizer symbolizer = new Symbolizer(SYMBOLS, PerfMap.forProcess(pid));
        Unwinder unwinder = new Unwinder();
        try (SeizedProcess seized = SeizedProcess.seize(pid)) {
            StackSampler sampler = new StackSampler(new CaptureReader(CaptureReader.DEFAULT_STACK_BYTES), seized.stops());
            for (int i = 0; i < count; i++) {
                Map<Integer, Sampled> stacks = new TreeMap<>();
                for (ThreadCapture capture : sampler.sample(pid, seized.threads(), resume)) {
                    UnwoundStack unwound = unwinder.unwind(capture.registers(), capture.stack(), modules);
                    stacks.put(capture.tid(), new Sampled(unwound, symbolizer.symbolize(unwound)));
                }
                samples.add(stacks);
            }
        }
        return samples;
    }

    record Sampled(UnwoundStack unwound, Stack stack) {
        List<Long> pcs() {
            return stack.frames().stream().map(dev.tracekit.trace.event.Frame::pc).toList();
        }

        List<String> names() {
            return stack.frames().stream().map(dev.tracekit.trace.event.Frame::symbol).toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (var frame : stack.frames()) {
                text.append(String.format("  0x%x %s (%s)%n", frame.pc(), frame.symbol(),
                        frame.module() == null ? "?" : frame.module().path()));
            }
            return text.append(unwound.truncated() ? "  truncated: " + unwound.stopReason() : "  complete").toString();
        }
    }
}
