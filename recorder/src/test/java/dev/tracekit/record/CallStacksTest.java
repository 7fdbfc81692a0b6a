package dev.tracekit.record;

import dev.tracekit.trace.event.StackSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stacks of threads inside calls are whole where the call is unusual: dash starts each command
 * with vfork (glibc's keeps its return address in rdi, its CFA at sp) and execve (the memory
 * changes under the call), returns from its SIGCHLD handler through __restore_rt (whose
 * syscall ends the function) and leaves through exit_group (its memory goes after the exit
 * stop). Before, samples in each of these came out truncated.
 */
class CallStacksTest {
    @TempDir
    Path dir;

    @Test
    void samplesInVforkExecveSigreturnAndExitAreWhole() throws Exception {
        Path log = dir.resolve("dash.trace");
        String loop = "trap : CHLD; i=0; while [ $i -lt 150 ]; do /bin/true; i=$((i+1)); done";
        Recordings.run(new RecordOptions(List.of(), List.of("/bin/sh", "-c", loop), log, RecordOptions.DEFAULT_STRING_LIMIT,
                null, null, 999, false, RecordOptions.Sampler.AUTO));

        List<StackSample> inCalls = LogCalls.read(log).events().stream()
                .filter(e -> e instanceof StackSample s && s.trigger() == StackSample.Trigger.TIMER
                        && s.syscall() != StackSample.ON_CPU)
                .map(e -> (StackSample) e).toList();
        List<StackSample> inVfork = inCalls.stream().filter(s -> leaf(s).equals("__vfork")).toList();
        assertTrue(inVfork.size() >= 5, inVfork.size() + " samples in vfork");
        assertTrue(inVfork.stream().allMatch(s -> SamplingTest.names(s).contains("__libc_start_main")),
                "vfork's caller found through rdi: " + SamplingTest.names(inVfork.get(0)));
        List<List<String>> truncated = inCalls.stream().filter(s -> s.stack().truncated()).map(SamplingTest::names).toList();
        assertEquals(List.of(), truncated, "of " + inCalls.size() + " samples inside calls");
    }

    /**
     * glibc's clone3 ends its CFI before its syscall instruction (the child's would be wrong):
     * the stack at the call's entry unwinds with the row of the instruction before, and reaches
     * main through pthread_create.
     */
    @Test
    void stacksAtClone3sEntryReachMain() throws Exception {
        Path log = dir.resolve("threads.trace");
        Recordings.run(new RecordOptions(List.of(), List.of(Samples.c("pipe_naps").toString()), log,
                RecordOptions.DEFAULT_STRING_LIMIT, null, null, 99, true, RecordOptions.Sampler.AUTO));

        int clone3 = SyscallSupport.forThisMachine().table().byName("clone3").orElseThrow().number();
        List<StackSample> atClone3 = LogCalls.read(log).events().stream()
                .filter(e -> e instanceof StackSample s && s.trigger() == StackSample.Trigger.SYSCALL_ENTRY
                        && s.syscall() == clone3)
                .map(e -> (StackSample) e).toList();
        assertEquals(6, atClone3.size(), "pipe_naps starts six threads");
        for (StackSample sample : atClone3) {
            List<String> names = SamplingTest.names(sample);
            assertTrue(!sample.stack().truncated() && SamplingTest.containsInOrder(names, List.of("main", "pthread_create")),
                    names.toString());
        }
    }

    private static String leaf(StackSample sample) {
        List<String> names = SamplingTest.names(sample);
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }
}
