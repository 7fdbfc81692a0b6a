package dev.tracekit.record;

import dev.tracekit.ptrace.Native;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGSTOP, SIGCONT, SIGINT with a handler and SIGTERM do to a traced program what they do to
 * an untraced one: the same scenario runs on both, and what it observes must be equal.
 */
class SignalBehaviourTest {
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    @TempDir
    Path dir;

    /** What the scenario saw: each a yes or no, so traced and untraced runs compare whole. */
    record Observed(boolean stoppedWhileStopped, boolean ranAfterCont, boolean handlerRan, boolean diedOfTerm) {
    }

    @Test
    void tracedBehavesAsUntraced() throws Exception {
        Path untracedTicks = dir.resolve("untraced.txt");
        Detached untraced = Detached.start(dir, List.of(Samples.c("ticker").toString(), untracedTicks.toString()));
        Observed expected = scenario(untraced.pid, untracedTicks, () -> {
            untraced.awaitGone(10);
            return true;
        });
        assertEquals(new Observed(true, true, true, true), expected, "the scenario itself works untraced");

        Path tracedTicks = dir.resolve("traced.txt");
        Path log = dir.resolve("signals.trace");
        Recordings.Running recording = Recordings.background(log, List.of(),
                List.of(Samples.c("ticker").toString(), tracedTicks.toString()), null);
        assertTrue(recording.recorder().awaitStarted(10, TimeUnit.SECONDS));
        AttachTest.awaitTick(tracedTicks, 1);
        int pid = pidOf(log, tracedTicks);
        RecordResult[] result = new RecordResult[1];
        Observed traced = scenario(pid, tracedTicks, () -> {
            result[0] = recording.await(10);
            return result[0].exitCode() == 128 + SIGTERM;
        });

        assertEquals(expected, traced);
        List<TraceEvent> events = LogCalls.read(log).events();
        List<Integer> signals = events.stream().filter(e -> e instanceof SignalDelivery)
                .map(e -> ((SignalDelivery) e).signal()).toList();
        assertEquals(List.of(SIGSTOP, SIGCONT, SIGINT, SIGTERM), signals, "each signal recorded once, in order");
        assertTrue(events.stream().anyMatch(e -> e instanceof Exit x && x.tid() == pid && x.termSignal() == SIGTERM));
    }

    private Observed scenario(int pid, Path ticks, java.util.concurrent.Callable<Boolean> diedOfTerm) throws Exception {
        AttachTest.awaitTick(ticks, 3);
        Native.libc().kill(pid, SIGSTOP);
        Thread.sleep(100);
        long stoppedAt = AttachTest.currentTick(ticks);
        Thread.sleep(300);
        boolean stopped = AttachTest.currentTick(ticks) == stoppedAt;
        Native.libc().kill(pid, SIGCONT);
        AttachTest.awaitTick(ticks, stoppedAt + 5);
        boolean ran = true;
        Native.libc().kill(pid, SIGINT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean handled = false;
        while (!handled && System.nanoTime() < deadline) {
            handled = Files.readString(ticks).contains("interrupted");
            Thread.sleep(10);
        }
        Native.libc().kill(pid, SIGTERM);
        return new Observed(stopped, ran, handled, diedOfTerm.call());
    }

    /** The launched ticker's pid, from the log's snapshot once it has been flushed. */
    private static int pidOf(Path log, Path ticks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (TraceEvent event : LogCalls.read(log).events()) {
                if (event instanceof dev.tracekit.trace.event.ProcessInfo process && process.argv().contains(ticks.toString())) {
                    return process.pid();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no process event for the ticker in " + log);
    }
}
