package dev.tracekit.record;

import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads, many children: every one followed, none left stopped. */
class ScaleTest {
    @TempDir
    Path dir;

    @Test
    void javaProgramWithFiftyBusyThreads() throws Exception {
        Path heartbeat = dir.resolve("heartbeat.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Detached program = Detached.start(dir, List.of(java, Samples.source("java/BusyThreads.java").toString(), heartbeat.toString()));
        try {
            AttachTest.awaitTick(heartbeat, 100);
            Path log = dir.resolve("java.trace");
            Recordings.background(log, List.of(program.pid), List.of(), Duration.ofSeconds(2)).await(60);

            assertEquals(0, program.tracerPid(), "detached");
            long before = AttachTest.currentTick(heartbeat);
            Thread.sleep(500);
            assertTrue(AttachTest.currentTick(heartbeat) > before, "the program runs on after the detach");

            List<TraceEvent> events = LogCalls.read(log).events();
            Set<Integer> busy = events.stream().filter(e -> e instanceof ThreadInfo t && t.name() != null && t.name().startsWith("busy-"))
                    .map(e -> ((ThreadInfo) e).tid()).collect(Collectors.toSet());
            assertEquals(50, busy.size(), "the snapshot lists every busy thread");
            Set<Integer> traced = events.stream().filter(e -> e instanceof Syscall).map(e -> ((Syscall) e).tid()).collect(Collectors.toSet());
            assertTrue(traced.containsAll(busy), "syscalls of every busy thread; missing " + busy.stream().filter(t -> !traced.contains(t)).toList());
        } finally {
            program.kill();
        }
    }

    @Test
    void shellLoopForkingFiveHundredChildren() throws Exception {
        String loop = "i=0; while [ $i -lt 500 ]; do /bin/true; i=$((i+1)); done";
        Detached shell = Detached.gated(dir, List.of("/bin/sh", "-c", loop));
        Path log = dir.resolve("forks.trace");
        Recordings.Running recording = Recordings.background(log, List.of(shell.pid), List.of(), null);
        assertTrue(recording.recorder().awaitStarted(10, TimeUnit.SECONDS));
        shell.release();
        recording.await(120);

        List<TraceEvent> events = LogCalls.read(log).events();
        Set<Integer> children = events.stream().filter(e -> e instanceof ChildCreated c && c.parentTid() == shell.pid)
                .map(e -> ((ChildCreated) e).childTid()).collect(Collectors.toSet());
        assertEquals(500, children.size(), "every fork followed");
        Set<Integer> execed = events.stream().filter(e -> e instanceof Exec).map(e -> ((Exec) e).pid()).collect(Collectors.toSet());
        assertTrue(execed.containsAll(children), "every child's exec of /bin/true recorded");
        Set<Integer> exited = events.stream().filter(e -> e instanceof Exit x && x.exited() && x.exitCode() == 0)
                .map(e -> ((Exit) e).tid()).collect(Collectors.toSet());
        assertTrue(exited.containsAll(children) && exited.contains(shell.pid), "every child and the shell exited with 0");
        shell.awaitGone(5);
    }
}
