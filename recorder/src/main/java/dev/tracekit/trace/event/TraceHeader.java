package dev.tracekit.trace.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a log says about itself before any event: who wrote it, where, and how its clock maps
 * to wall time. {@code monotonicAnchor} and {@code wallAnchor} were read at the same instant.
 *
 * @param arch          machine architecture as uname reports it, e.g. {@code x86_64}
 * @param wallAnchor    nanoseconds since the Unix epoch at {@code monotonicAnchor}
 * @param options       the recorder's options, in the order given
 */
public record TraceHeader(
        String arch,
        String kernelRelease,
        String hostname,
        long monotonicAnchor,
        long wallAnchor,
        String recorderVersion,
        List<String> commandLine,
        Map<String, String> options) {

    public TraceHeader {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernelRelease, "kernelRelease");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(recorderVersion, "recorderVersion");
        commandLine = List.copyOf(commandLine);
        options.forEach((key, value) -> Objects.requireNonNull(value, "option " + key));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public long toWallNanos(long monotonicNanos) {
        return wallAnchor + (monotonicNanos - monotonicAnchor);
    }
}
