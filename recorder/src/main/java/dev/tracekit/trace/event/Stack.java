package dev.tracekit.trace.event;

import java.util.List;

/**
 * A call stack, innermost frame first.
 *
 * @param truncated the unwinder stopped before the outermost frame
 */
public record Stack(List<Frame> frames, boolean truncated) {
    public Stack {
        frames = List.copyOf(frames);
    }
}
