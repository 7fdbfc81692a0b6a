package dev.tracekit.strace;

import java.util.Map;

/** A file of decoders for related calls, as strace keeps them: file.c, net.c, signal.c, ... */
interface DecoderFamily {
    /** Adds this family's decoders, by syscall name. */
    void registerInto(Map<String, Decoder> decoders);
}
