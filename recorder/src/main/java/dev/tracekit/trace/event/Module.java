package dev.tracekit.trace.event;

import java.util.Objects;

/** An ELF object code was found in: a path and the build-id that identifies its contents. */
public record Module(String path, ByteString buildId) {
    public Module {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(buildId, "buildId");
    }
}
