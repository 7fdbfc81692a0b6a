package dev.tracekit.trace.event;

import java.util.Objects;

/**
 * A signal about to be delivered to a thread (a signal-delivery-stop).
 *
 * @param code    si_code
 * @param siginfo the raw siginfo_t, for the fields that depend on the signal
 */
public record SignalDelivery(long time, int tid, int signal, int code, int senderPid, int senderUid,
                             ByteString siginfo) implements TraceEvent {
    public SignalDelivery {
        Objects.requireNonNull(siginfo, "siginfo");
    }
}
