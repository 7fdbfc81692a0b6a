package dev.tracekit.record;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What SIGINT and SIGTERM do to tracekit record. Attached to someone else's process, both
 * detach and end the recording. Running a command, Ctrl-C reaches the command itself (it
 * shares the terminal's process group) and the recording follows it to its end, as with strace;
 * a second Ctrl-C, or SIGTERM, detaches. A handler, not SIG_IGN, keeps launched commands at the
 * default action.
 */
public final class StopSignals {
    private StopSignals() {
    }

    public static void install(Recorder recorder, boolean launching) {
        Signal.handle(new Signal("TERM"), signal -> recorder.requestStop());
        AtomicInteger interrupts = new AtomicInteger();
        Signal.handle(new Signal("INT"), signal -> {
            if (!launching || interrupts.incrementAndGet() > 1) {
                recorder.requestStop();
            }
        });
    }
}
