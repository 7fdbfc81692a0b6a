package dev.tracekit.db;

import dev.tracekit.trace.ReadStatus;

/** What one import added: its trace id, how many events, and whether the input was whole. */
public record ImportResult(int traceId, long events, ReadStatus status) {
}
