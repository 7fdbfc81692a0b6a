package dev.tracekit.bench;

import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.stack.Unwinder;
import dev.tracekit.stack.UnwoundStack;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stack unwinding speed (issue 6) on a running process: the pause per thread per sample
 * (PTRACE_INTERRUPT to resume, percentiles over many samples), then unwinds per second of the
 * captured samples, without and with symbolization, timed by this thread's CPU time.
 *
 *   java -cp ... dev.tracekit.bench.UnwindSpeed PID [SAMPLES]
 */
public final class UnwindSpeed {
    private static final int TIMED_RUNS = 5;

    private UnwindSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int pid = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        ProcessMemory memory = new ProcessMemory();
        ProcessModules modules = new ProcessModules(pid, new ImageCache(), (address, length) -> {
            int got = memory.read(pid, address, length);
            return got == length ? Arrays.copyOf(memory.bytes(), got) : null;
        });
        List<ThreadCapture> captures = new ArrayList<>();
        try (SeizedProcess seized = SeizedProcess.seize(pid)) {
            StackSampler sampler = new StackSampler(new CaptureReader(CaptureReader.DEFAULT_STACK_BYTES), seized.stops());
            for (int i = 0; i < count; i++) {
                captures.addAll(sampler.sample(pid, seized.threads(), true));
                Thread.sleep(1); // let the tracee run between samples, as at a sampling rate
            }
        }
        long[] pauses = captures.stream().mapToLong(ThreadCapture::pauseNanos).sorted().toArray();
        System.out.printf("pause per thread per sample (%d thread samples): p50 %.1f us, p90 %.1f us, p99 %.1f us%n",
                pauses.length, pauses[pauses.length / 2] / 1e3, pauses[pauses.length * 9 / 10] / 1e3,
                pauses[pauses.length * 99 / 100] / 1e3);

        Unwinder unwinder = new Unwinder();
        Symbolizer symbolizer = new Symbolizer(new SymbolLoader(new DebugFiles(DebugFiles.DEFAULT_ROOT)), PerfMap.forProcess(pid));
        int frames = 0;
        for (ThreadCapture capture : captures) {
            frames += unwinder.unwind(capture.registers(), capture.stack(), modules).frames().size();
        }
        System.out.printf("frames per stack: %.1f%n", frames / (double) captures.size());
        double unwinds = Throughput.median(captures.size() * 20, TIMED_RUNS, () -> {
            for (int round = 0; round < 20; round++) {
                for (ThreadCapture capture : captures) {
                    unwinder.unwind(capture.registers(), capture.stack(), modules);
                }
            }
        });
        double symbolized = Throughput.median(captures.size() * 20, TIMED_RUNS, () -> {
            for (int round = 0; round < 20; round++) {
                for (ThreadCapture capture : captures) {
                    UnwoundStack stack = unwinder.unwind(capture.registers(), capture.stack(), modules);
                    symbolizer.symbolize(stack);
                }
            }
        });
        System.out.printf("unwinds per second (CPU time, median of %d): %,.0f; unwind and symbolize: %,.0f%n",
                TIMED_RUNS, unwinds, symbolized);
    }
}
