package dev.tracekit.stack;

import java.util.List;

/**
 * The frames of one unwind, innermost first.
 *
 * @param truncated   the unwinder stopped before the outermost frame
 * @param stopReason  why it stopped early, for diagnostics; null when complete
 */
public record UnwoundStack(List<UnwoundFrame> frames, boolean truncated, String stopReason) {
    public UnwoundStack {
        frames = List.copyOf(frames);
    }
}
