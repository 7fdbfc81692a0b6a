package dev.tracekit.record;

import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.Spawner;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.ptrace.WaitStatus;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack warm-up on a sleeper seized as the tracer seizes its doorbell: it leaves the
 * sleeper asleep, swallows and reports a ring, and leaves the C library's symbols loaded.
 */
class WarmUpTest {
    private static final int SIGUSR1 = 10;
    private static final int SIGKILL = 9;
    private static final TraceHeader HEADER = new TraceHeader("x86_64", "6.1", "h", 0, 0, "v", List.of(), Map.of());

    private final Wait wait = new Wait();
    private int pid;

    @BeforeEach
    void seizeSleeper() throws Exception {
        pid = Spawner.spawn("/bin/sleep", List.of("tracekit-warm-up-test", "infinity"));
        awaitAsleep(pid);
        assertEquals(0, Ptrace.seize(pid, Ptrace.O_EXITKILL), "ptrace(PTRACE_SEIZE) of a child: tests need ptrace");
    }

    @AfterEach
    void killSleeper() {
        Native.libc().kill(pid, SIGKILL);
        while (wait.waitpid(pid, Wait.ALL) == pid && WaitStatus.stopped(wait.status())) {
            Ptrace.cont(pid, 0);
        }
    }

    @Test
    void leavesTheSleeperAsleepWithTheCLibrarySymbolsLoaded() throws Exception {
        TracedStacks stacks = new TracedStacks();

        assertFalse(WarmUp.stacks(stacks, pid, wait, HEADER), "nothing rang");

        assertEquals('S', stateOnceAsleep(), "asleep again, not left in a stop");
        // One more sample, as the tracer takes them: named through libc's debug file.
        assertEquals(0, Ptrace.interrupt(pid));
        assertEquals(pid, wait.waitpid(pid, Wait.ALL));
        assertEquals(Ptrace.EVENT_STOP, WaitStatus.event(wait.status()));
        TracedStacks.Captured captured = stacks.capture(pid);
        Ptrace.cont(pid, 0);
        assertNotNull(captured);
        Stack stack = stacks.unwind(pid, captured);
        assertNotNull(stack);
        List<String> names = stack.frames().stream().map(Frame::symbol).toList();
        assertTrue(names.contains("__libc_start_call_main") && names.contains("__libc_start_main"), names.toString());
    }

    @Test
    void aRingDuringTheWarmUpIsSwallowedAndReported() throws Exception {
        Native.libc().kill(pid, SIGUSR1);

        assertTrue(WarmUp.stacks(new TracedStacks(), pid, wait, HEADER), "the ring is reported, to be rung again");

        assertEquals('S', stateOnceAsleep(), "asleep again: the SIGUSR1 did not reach it");
    }

    /** The state letter once it is 'S', or whatever it is after a second. */
    private char stateOnceAsleep() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (state() != 'S' && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return state();
    }

    private char state() throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** Until the child sleeps in its nanosleep: it starts in the dynamic loader. */
    static void awaitAsleep(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (BlockedCall.of(pid) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " never went to sleep");
            }
            Thread.sleep(2);
        }
    }
}
