package dev.tracekit.strace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * THE fidelity test: each workload runs under the real {@code strace -f -tt -T -o FILE} and under
 * tracekit's recorder; tracekit's log is printed as strace text; both texts are normalized
 * ({@link StraceNormalizer} lists what differs legitimately between two runs) and compared thread
 * by thread. The share of identical lines must be at least 95% over all workloads. Needs strace
 * and ptrace (CI runs as root): it fails, not skips, without them.
 */
class StraceFidelityTest {
    private static final double REQUIRED = 95.0;
    private static final int DIFFERENCES_SHOWN = 40;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void printsWhatStracePrints() throws Exception {
        int identical = 0;
        int lines = 0;
        StringBuilder report = new StringBuilder("strace fidelity, identical lines per workload:\n");
        for (Workload workload : Workload.all(dir.resolve("work"))) {
            workload.reset();
            List<String> strace = Runs.strace(workload, dir.resolve(workload.name() + ".strace"));
            workload.reset();
            List<String> tracekit = Runs.tracekit(workload, dir.resolve(workload.name() + ".trace"));
            Comparison comparison = compare(StraceNormalizer.byThread(strace), StraceNormalizer.byThread(tracekit));
            identical += comparison.identical;
            lines += comparison.lines;
            report.append(String.format("  %-14s %6.2f%%  (%d of %d lines)%n", workload.name(),
                    percent(comparison.identical, comparison.lines), comparison.identical, comparison.lines));
            comparison.differences.stream().limit(DIFFERENCES_SHOWN)
                    .forEach(difference -> report.append("      ").append(difference).append('\n'));
        }
        double overall = percent(identical, lines);
        report.append(String.format("  %-14s %6.2f%%  (%d of %d lines)%n", "overall", overall, identical, lines));
        System.out.print(report);
        assertTrue(overall >= REQUIRED, report.toString());
    }

    private record Comparison(int identical, int lines, List<String> differences) {
    }

    /** Lines count once per pair: the larger of the two runs' line counts, thread by thread. */
    private static Comparison compare(Map<String, List<String>> strace, Map<String, List<String>> tracekit) {
        Set<String> threads = new HashSet<>(strace.keySet());
        threads.addAll(tracekit.keySet());
        int identical = 0;
        int lines = 0;
        List<String> differences = new java.util.ArrayList<>();
        for (String thread : new java.util.TreeSet<>(threads)) {
            List<String> expected = strace.getOrDefault(thread, List.of());
            List<String> actual = tracekit.getOrDefault(thread, List.of());
            LineMatch match = LineMatch.of(expected, actual);
            identical += match.identical();
            lines += Math.max(expected.size(), actual.size());
            match.onlyExpected().forEach(line -> differences.add(thread + " strace:   " + line));
            match.onlyActual().forEach(line -> differences.add(thread + " tracekit: " + line));
        }
        return new Comparison(identical, lines, differences);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }
}
