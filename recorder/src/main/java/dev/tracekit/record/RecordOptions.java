package dev.tracekit.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to record and how.
 *
 * @param pids          processes to attach to; empty when launching {@code command}
 * @param command       the command to launch; empty when attaching
 * @param stringLimit   the -s STRSIZE of strace: bytes captured of each string and buffer
 * @param traceSet      the -e trace= expression, or null for every syscall
 * @param duration      stop after this long, or null to run until the tracees end or a signal
 * @param sampleHz      stack samples of every thread per second, 0 for none
 * @param syscallStacks also take the stack at every recorded syscall's entry (strace -k)
 * @param sampler       how threads running their own code are sampled
 */
public record RecordOptions(List<Integer> pids, List<String> command, Path output, int stringLimit,
                            String traceSet, Duration duration, int sampleHz, boolean syscallStacks, Sampler sampler) {
    public static final int DEFAULT_STRING_LIMIT = 32;
    public static final int DEFAULT_SAMPLE_HZ = 99;
    /** Beyond this a round of samples would not finish before the next one is due. */
    public static final int MAX_SAMPLE_HZ = 10_000;

    /** How a thread running user code is sampled; a thread inside a syscall is never stopped for it. */
    public enum Sampler {
        /** perf where the kernel allows it, else ptrace. */
        AUTO,
        /** perf_event_open: the kernel copies registers and stack at a timer interrupt; the thread is not stopped. */
        PERF,
        /** PTRACE_INTERRUPT: the thread is stopped, copied and resumed. */
        PTRACE
    }

    public RecordOptions {
        pids = List.copyOf(pids);
        Objects.requireNonNull(sampler, "sampler");
        command = List.copyOf(command);
        Objects.requireNonNull(output, "output");
        if (pids.isEmpty() == command.isEmpty()) {
            throw new IllegalArgumentException("give either processes to attach to or a command to launch");
        }
        if (stringLimit < 0) {
            throw new IllegalArgumentException("string limit must not be negative");
        }
        if (sampleHz < 0 || sampleHz > MAX_SAMPLE_HZ) {
            throw new IllegalArgumentException("the sample rate must be between 0 and " + MAX_SAMPLE_HZ + " Hz");
        }
    }

    /** The sampler the machine allows. */
    public RecordOptions(List<Integer> pids, List<String> command, Path output, int stringLimit, String traceSet,
                         Duration duration, int sampleHz, boolean syscallStacks) {
        this(pids, command, output, stringLimit, traceSet, duration, sampleHz, syscallStacks, Sampler.AUTO);
    }

    /** As tracekit record without sampling options: samples at {@link #DEFAULT_SAMPLE_HZ}, no syscall stacks. */
    public RecordOptions(List<Integer> pids, List<String> command, Path output, int stringLimit, String traceSet,
                         Duration duration) {
        this(pids, command, output, stringLimit, traceSet, duration, DEFAULT_SAMPLE_HZ, false);
    }

    public boolean launches() {
        return !command.isEmpty();
    }
}
