package dev.tracekit.record;

import dev.tracekit.ptrace.Native;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.Spawner;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.ptrace.WaitStatus;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack worker, on captures of a seized sleeper: samples come out in the order they were
 * handed over, each at its own capture time, all of them by the time {@link StackWorker#finish}
 * returns; an entry stack becomes the call stack of its call; the worker runs niced.
 */
class StackWorkerTest {
    private static final int SIGKILL = 9;

    private final Wait wait = new Wait();
    private final TracedStacks stacks = new TracedStacks();
    private final List<TraceEvent> written = Collections.synchronizedList(new ArrayList<>());
    private int pid;
    private TracedStacks.Captured captured;

    @BeforeEach
    void captureSleeper() throws Exception {
        pid = Spawner.spawn("/bin/sleep", List.of("tracekit-worker-test", "infinity"));
        WarmUpTest.awaitAsleep(pid);
        assertEquals(0, Ptrace.seize(pid, Ptrace.O_EXITKILL), "ptrace(PTRACE_SEIZE) of a child: tests need ptrace");
        assertEquals(0, Ptrace.interrupt(pid));
        assertEquals(pid, wait.waitpid(pid, Wait.ALL));
        assertEquals(Ptrace.EVENT_STOP, WaitStatus.event(wait.status()));
        captured = stacks.capture(pid);
        assertNotNull(captured);
        Ptrace.cont(pid, 0);
    }

    @AfterEach
    void killSleeper() {
        Native.libc().kill(pid, SIGKILL);
        while (wait.waitpid(pid, Wait.ALL) == pid && WaitStatus.stopped(wait.status())) {
            Ptrace.cont(pid, 0);
        }
    }

    @Test
    void samplesAreWrittenInOrderAtTheirOwnTimesAllBeforeFinishReturns() {
        StackWorker worker = new StackWorker(stacks, written::add, null);
        worker.start();
        int jobs = StackWorker.CAPACITY * 2; // more than fit: the submitter waits for room
        for (int i = 0; i < jobs; i++) {
            worker.unwind(new StackWorker.Job(pid, pid, captured, 230, StackWorker.NONE, new long[] {1_000 + i}, null, 0));
        }
        worker.finish();

        assertEquals(jobs, written.size(), "every sample is written once finish returns");
        for (int i = 0; i < jobs; i++) {
            StackSample sample = (StackSample) written.get(i);
            assertEquals(1_000 + i, sample.time(), "its own capture time, in order");
            assertEquals(StackSample.Trigger.TIMER, sample.trigger());
            assertEquals(230, sample.syscall());
            assertTrue(sample.stack().frames().size() >= 3, sample.stack().toString());
        }
    }

    @Test
    void anEntryStackIsWrittenAtTheEntryTimeAndBecomesTheStackOfItsCall() {
        StackWorker worker = new StackWorker(stacks, written::add, null);
        worker.start();
        TracedThread thread = new TracedThread(pid);
        thread.callSerial = 7;
        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, 500, new long[] {600}, thread, 7));
        worker.finish();

        assertEquals(2, written.size());
        StackSample entry = (StackSample) written.get(0);
        StackSample timer = (StackSample) written.get(1);
        assertEquals(StackSample.Trigger.SYSCALL_ENTRY, entry.trigger());
        assertEquals(500, entry.time());
        assertEquals(600, timer.time());
        assertNotNull(thread.callStack);
        assertEquals(7, thread.callStack.serial());
        assertSame(entry.stack(), thread.callStack.stack());
    }

    @Test
    void aLaterCopyOfTheSameCallGetsTheStackAlreadyUnwound() {
        StackWorker worker = new StackWorker(stacks, written::add, null);
        worker.start();
        TracedThread thread = new TracedThread(pid);
        thread.callSerial = 3;
        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, 100, StackWorker.NO_TIMES, thread, 3));
        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, StackWorker.NONE, new long[] {200}, thread, 3));
        thread.callSerial = 4; // the next call: unwound afresh
        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, StackWorker.NONE, new long[] {300}, thread, 4));
        worker.finish();

        assertEquals(3, written.size());
        StackSample first = (StackSample) written.get(0);
        assertSame(first.stack(), ((StackSample) written.get(1)).stack(), "the same call: its stack as unwound once");
        assertTrue(first.stack() != ((StackSample) written.get(2)).stack(), "another call: unwound again");
        assertEquals(first.stack(), ((StackSample) written.get(2)).stack(), "from the same copy, to the same frames");
    }

    @Test
    void theWorkerRunsNicedAndJobsAfterFinishRunAtOnce() throws Exception {
        StackWorker worker = new StackWorker(stacks, written::add, null);
        worker.start();
        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, StackWorker.NONE, new long[] {1}, null, 0));
        assertEquals(StackWorker.NICE, niceOf("tracekit-unwind"));
        worker.finish();

        worker.unwind(new StackWorker.Job(pid, pid, captured, 230, StackWorker.NONE, new long[] {2}, null, 0));
        assertEquals(2, written.size(), "done on the caller's thread: nothing is lost after the end");
    }

    /** The nice value of this JVM's thread named {@code name} (comm is cut at 15 characters). */
    private static int niceOf(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (comm.startsWith(name) && Integer.parseInt(fields[16]) != 0) {
                        return Integer.parseInt(fields[16]); // field 19 of stat: nice
                    }
                }
            } catch (IOException e) {
                // a thread ended while we listed: look again
            }
            Thread.sleep(10);
        }
        return 0;
    }
}
