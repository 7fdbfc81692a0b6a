package dev.tracekit.record;

import dev.tracekit.perf.PerfException;
import dev.tracekit.perf.TaskClockSampler;

/**
 * How threads running user code are sampled in one recording: by perf_event_open where the
 * options want it and the kernel allows it, else by PTRACE_INTERRUPT; and why not by perf.
 *
 * @param perf       the sampler, closed by the caller after the recording; null for ptrace
 * @param whyNotPerf why ptrace, when {@code perf} is null and samples are taken
 */
record SamplerChoice(TaskClockSampler perf, String whyNotPerf) {
    /** Opens the perf sampler; a test puts one that fails, to see the fallback. */
    interface PerfOpener {
        TaskClockSampler open(int hz, int stackBytes) throws PerfException;
    }

    static SamplerChoice make(RecordOptions options, int stackBytes, PerfOpener opener) throws RecordException {
        if (options.sampleHz() == 0) {
            return new SamplerChoice(null, null);
        }
        if (options.sampler() == RecordOptions.Sampler.PTRACE) {
            return new SamplerChoice(null, "--sampler=ptrace");
        }
        try {
            return new SamplerChoice(opener.open(options.sampleHz(), stackBytes), null);
        } catch (PerfException e) {
            if (options.sampler() == RecordOptions.Sampler.PERF) {
                throw new RecordException("--sampler=perf: " + e.getMessage(), 1, e);
            }
            return new SamplerChoice(null, "perf_event_open is not available: " + e.getMessage());
        }
    }

    /** The header option's value: perf, ptrace, or none without timer samples. */
    String name() {
        return perf != null ? "perf" : whyNotPerf != null ? "ptrace" : "none";
    }

    /**
     * A line for record's summary on stderr, after the recording; null without timer samples.
     *
     * @param busyWithCalls threads left to interrupts for stopping at calls so often
     */
    String report(int busyWithCalls) {
        if (perf == null) {
            return whyNotPerf == null ? null : "on-CPU samples by PTRACE_INTERRUPT (" + whyNotPerf + ")";
        }
        StringBuilder line = new StringBuilder("on-CPU samples by perf_event_open (task-clock), without stopping threads");
        if (perf.lost() > 0) {
            line.append("; ").append(perf.lost()).append(" lost, the ring buffers were full");
        }
        if (busyWithCalls > 0) {
            line.append("; interrupted instead while busy with syscalls: ").append(busyWithCalls)
                    .append(busyWithCalls == 1 ? " thread" : " threads");
        }
        if (perf.refusedThreads() > 0) {
            line.append("; ").append(perf.refusedThreads()).append(perf.refusedThreads() == 1 ? " thread" : " threads")
                    .append(" by PTRACE_INTERRUPT: ").append(perf.refusal());
        }
        return line.toString();
    }
}
