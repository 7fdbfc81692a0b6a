package dev.tracekit.record;

import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A new thread is written with the name it inherits from its creator, and again with the one
 * it gives itself (pthread_setname_np), read when it exits: flame graphs root at those names.
 */
class ThreadNamesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"all", "none"})
    void threadsAreWrittenWithTheirInheritedAndThenTheirOwnNames(String traceSet) throws Exception {
        List<String> command = List.of(Samples.c("file_threads").toString(), dir.toString());
        Path log = dir.resolve("names.trace");
        RecordOptions options = new RecordOptions(List.of(), command, log, 32, traceSet.equals("all") ? null : traceSet, null);
        new Recorder(options, SyscallSupport.forThisMachine(), List.of("test"), "test").run();

        List<TraceEvent> events = LogCalls.read(log).events();
        Map<Integer, List<String>> names = new HashMap<>();
        for (TraceEvent event : events) {
            if (event instanceof ChildCreated child && child.kind() == ChildCreated.Kind.THREAD) {
                names.put(child.childTid(), new ArrayList<>());
            } else if (event instanceof ThreadRenamed renamed && names.containsKey(renamed.tid())) {
                names.get(renamed.tid()).add(renamed.name());
            }
        }
        assertEquals(4, names.size(), "four threads: " + names);
        List<String> last = names.values().stream().map(list -> list.get(list.size() - 1)).sorted().toList();
        assertEquals(List.of("worker-0", "worker-1", "worker-2", "worker-3"), last);
        for (List<String> written : names.values()) {
            assertEquals(List.of("file_threads", written.get(1)), written, "inherited, then its own");
        }
    }
}
