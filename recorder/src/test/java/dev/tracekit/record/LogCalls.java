package dev.tracekit.record;

import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.ReadStatus;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.TraceEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a tracekit log says each thread called, in the form {@link StraceRun} gives. */
final class LogCalls {
    /** A call the kernel restarts by itself; StraceRun leaves these out too. */
    private static final int ERESTARTNOINTR = 513;
    private LogCalls() {
    }

    record Read(List<TraceEvent> events, ReadStatus status) {
    }

    static Read read(Path log) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(log)) {
            TraceEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
            return new Read(events, reader.status());
        }
    }

    /** Completed and unfinished calls per tid, ordered by entry time. */
    static TreeMap<Integer, List<String>> callsByThread(List<TraceEvent> events) {
        SyscallTable table = SyscallTable.forArch("x86_64");
        record Call(int tid, long time, String name) {
        }
        List<Call> calls = new ArrayList<>();
        for (TraceEvent event : events) {
            if (event instanceof Syscall s && s.result() != -ERESTARTNOINTR) {
                calls.add(new Call(s.tid(), s.time(), table.displayName(s.number())));
            } else if (event instanceof SyscallEntry s) {
                calls.add(new Call(s.tid(), s.time(), table.displayName(s.number())));
            }
        }
        calls.sort(Comparator.comparingLong(Call::time));
        TreeMap<Integer, List<String>> byThread = new TreeMap<>();
        for (Call call : calls) {
            byThread.computeIfAbsent(call.tid(), tid -> new ArrayList<>()).add(call.name());
        }
        return byThread;
    }

    /** How often each name occurs, over all threads. */
    static Map<String, Long> counts(Map<Integer, List<String>> byThread) {
        return byThread.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
    }

    /** Where two runs' per-thread sequences first part, thread by thread: for failure messages. */
    static String firstDifferences(List<List<String>> expected, List<List<String>> actual) {
        StringBuilder out = new StringBuilder();
        out.append(expected.size()).append(" threads expected, ").append(actual.size()).append(" recorded");
        for (int t = 0; t < Math.min(expected.size(), actual.size()); t++) {
            List<String> a = expected.get(t);
            List<String> b = actual.get(t);
            int i = 0;
            while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
                i++;
            }
            if (i < a.size() || i < b.size()) {
                out.append("\nthread #").append(t).append(" at call ").append(i).append(": expected ")
                        .append(a.subList(Math.max(0, i - 2), Math.min(a.size(), i + 4))).append(", recorded ")
                        .append(b.subList(Math.max(0, i - 2), Math.min(b.size(), i + 4)));
            }
        }
        return out.toString();
    }

    /** The sequences alone, threads in the order of their tids: tids differ from run to run. */
    static List<List<String>> sequences(Map<Integer, List<String>> byThread) {
        return new ArrayList<>(byThread.values());
    }
}
