package dev.tracekit.strace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The decoder of every system call strace decodes; the others print by argument kind. */
final class Decoders {
    private static final List<DecoderFamily> FAMILIES = List.of(new FileDecoders(), new DescDecoders(),
            new PollDecoders(), new MemoryDecoders(), new ProcessDecoders(), new ResourceDecoders(),
            new SignalDecoders(), new NetworkDecoders(), new TimeDecoders(), new MiscDecoders());
    private static final Map<String, Decoder> BY_NAME = build();

    private Decoders() {
    }

    /** The dedicated decoder of {@code name}, or null when the call prints by argument kind. */
    static Decoder forName(String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, Decoder> build() {
        Map<String, Decoder> decoders = new HashMap<>();
        for (DecoderFamily family : FAMILIES) {
            Map<String, Decoder> own = new HashMap<>();
            family.registerInto(own);
            own.forEach((name, decoder) -> {
                if (decoders.putIfAbsent(name, decoder) != null) {
                    throw new IllegalStateException(name + " has decoders in two families");
                }
            });
        }
        return Map.copyOf(decoders);
    }
}
