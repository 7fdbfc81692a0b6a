package dev.tracekit.bench;

import dev.tracekit.trace.LogStats;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Issue 2's benchmark: how many bytes a system call costs in a tracekit log, next to the
 * {@code strace -f -tt -T} text of the same calls, at compression levels 0, 1 and 6; the goal
 * is a tenth of the text or less. Also the encoder's speed, for later work to compare with.
 * Run by bench/log-size.sh, which also has strace trace the real workload the mix came from.
 */
public final class LogSizeBench {
    private static final int[] LEVELS = {0, 1, 6};
    private static final double GOAL = 0.1;
    private static final int TIMED_RUNS = 5;
    private static final long SEED = 1;

    private LogSizeBench() {
    }

    public static void main(String[] args) throws IOException {
        int events = 1_000_000;
        Path sample = null;
        Path realStrace = null;
        int showStrace = 0;
        boolean eventsGiven = false;
        boolean breakdown = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> {
                        events = Integer.parseInt(args[++i].replace(",", "").replace("_", ""));
                        eventsGiven = true;
                    }
                    case "--sample" -> sample = Path.of(args[++i]);
                    case "--real-strace" -> realStrace = Path.of(args[++i]);
                    case "--show-strace" -> showStrace = Integer.parseInt(args[++i]);
                    case "--breakdown" -> breakdown = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (events < 1) {
                throw new IllegalArgumentException("--events must be at least 1");
            }
        } catch (RuntimeException e) {
            System.err.println("log-size: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value" : e.getMessage()));
            System.err.println("usage: log-size.sh [--events N] [--breakdown] | --sample PATH [--events N] | --show-strace N");
            System.exit(2);
            return;
        }
        if (sample != null) {
            int syscalls = eventsGiven ? events : 2000;
            List<String> command = List.of("bench/log-size.sh", "--sample", sample.toString(), "--events", Integer.toString(syscalls));
            long written = SampleLog.write(sample, syscalls, SEED, command);
            System.out.printf("%s: %d events (%d system calls), %,d bytes%n", sample, written, syscalls, Files.size(sample));
            return;
        }
        TraceHeader header = SyntheticProcess.header(List.of("bench/log-size.sh"), Map.of("synthetic-seed", Long.toString(SEED)));
        if (showStrace > 0) {
            StraceText text = new StraceText(header);
            SyntheticSyscalls calls = new SyntheticSyscalls(SEED, SyntheticProcess.START_NANOS);
            for (int i = 0; i < showStrace; i++) {
                System.out.println(text.format(calls.next()));
            }
            return;
        }
        run(header, events, breakdown, realStrace);
    }

    private static void run(TraceHeader header, int count, boolean breakdown, Path realStrace) throws IOException {
        List<Syscall> events = new ArrayList<>(count);
        SyntheticSyscalls calls = new SyntheticSyscalls(SEED, SyntheticProcess.START_NANOS);
        for (int i = 0; i < count; i++) {
            events.add(calls.next());
        }
        long straceBytes = 0;
        StraceText text = new StraceText(header);
        for (Syscall event : events) {
            straceBytes += text.format(event).length() + 1;
        }

        System.out.printf("tracekit log vs strace -f -tt -T text of the same %,d synthetic system calls%n", count);
        System.out.printf("(mix and shapes from python3 imports + tar of /usr/share/doc; seed %d; Java %s, %d cores;%n",
                SEED, Runtime.version(), Runtime.getRuntime().availableProcessors());
        // Encode speed moves with what else the machine runs; the load average tells the reader.
        System.out.printf(" encode: write() of every event and close(); decode: TraceReader.next() of every event from memory;%n"
                + " each on one thread, per second of its CPU time, the median of %d runs after a warm-up;"
                + " load average %.2f at start)%n%n",
                TIMED_RUNS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Table table = new Table("level", "events", "log bytes", "bytes/event", "strace bytes", "bytes/line",
                "log/strace", "<= 1/10", "encode events/s", "decode events/s");
        for (int level : LEVELS) {
            byte[] log = writeLog(header, events, level);
            checkRoundTrip(log, events, level);
            long logBytes = log.length;
            double encode = Throughput.median(count, TIMED_RUNS, () -> writeAll(header, events, level, UnaryOperator.identity()));
            double decode = Throughput.median(count, TIMED_RUNS, () -> readAll(log, count));
            double ratio = (double) logBytes / straceBytes;
            table.row(Integer.toString(level), String.format("%,d", count), String.format("%,d", logBytes),
                    String.format("%.2f", (double) logBytes / count), String.format("%,d", straceBytes),
                    String.format("%.2f", (double) straceBytes / count), String.format("%.3f", ratio),
                    ratio <= GOAL ? "yes" : String.format("no, x%.2f", ratio / GOAL),
                    String.format("%,.0f", encode), String.format("%,.0f", decode));
        }
        table.print();
        if (breakdown) {
            System.out.printf("%nwhere the bytes go: bytes/event of the same events with a part left out of each%n");
            Table costs = new Table("the same events", "level 0", "level 1", "level 6");
            for (CostBreakdown.Variant variant : CostBreakdown.variants()) {
                List<String> cells = new ArrayList<>(List.of(variant.name()));
                for (int level : LEVELS) {
                    cells.add(String.format("%.2f", (double) writeAll(header, events, level, variant.change()) / count));
                }
                costs.row(cells.toArray(String[]::new));
            }
            costs.print();
            printStreams(header, events);
        }
        if (realStrace != null) {
            System.out.println();
            compareWithReal(realStrace, (double) straceBytes / count, count);
        }
    }

    /** The bytes a log of these events, changed so, takes at this level, header and end record included. */
    private static long writeAll(TraceHeader header, List<Syscall> events, int level, UnaryOperator<Syscall> change)
            throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        try (TraceWriter writer = TraceWriter.to(out, header, new TraceWriter.Options(1 << 20, level))) {
            for (Syscall event : events) {
                writer.write(change.apply(event));
            }
        }
        return out.count();
    }

    /** TraceWriter.stats() of the whole log at each level: bytes/event per stream of the chunk bodies. */
    private static void printStreams(TraceHeader header, List<Syscall> events) throws IOException {
        List<LogStats> stats = new ArrayList<>();
        for (int level : LEVELS) {
            CountingOutputStream out = new CountingOutputStream();
            TraceWriter writer = TraceWriter.to(out, header, new TraceWriter.Options(1 << 20, level));
            try (writer) {
                for (Syscall event : events) {
                    writer.write(event);
                }
            }
            stats.add(writer.stats());
        }
        System.out.printf("%nthe same by stream (TraceWriter.stats()): bytes/event before compression, then as stored%n");
        Table table = new Table("stream", "bytes", "level 1", "level 6");
        double count = events.size();
        for (int i = 0; i < stats.get(0).streams().size(); i++) {
            table.row(stats.get(0).streams().get(i).stream(),
                    String.format("%.2f", stats.get(0).streams().get(i).bytes() / count),
                    String.format("%.2f", stats.get(1).streams().get(i).storedBytes() / count),
                    String.format("%.2f", stats.get(2).streams().get(i).storedBytes() / count));
        }
        table.row("headers and tables", String.format("%.2f", stats.get(0).overheadBytes() / count),
                String.format("%.2f", stats.get(1).overheadBytes() / count), String.format("%.2f", stats.get(2).overheadBytes() / count));
        table.print();
    }

    private static byte[] writeLog(TraceHeader header, List<Syscall> events, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = TraceWriter.to(out, header, new TraceWriter.Options(1 << 20, level))) {
            for (Syscall event : events) {
                writer.write(event);
            }
        }
        return out.toByteArray();
    }

    /** A size means nothing if the log does not give back what was written, event for event. */
    private static void checkRoundTrip(byte[] log, List<Syscall> events, int level) throws IOException {
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(log))) {
            for (int i = 0; i < events.size(); i++) {
                TraceEvent event = reader.next();
                if (!events.get(i).equals(event)) {
                    throw new IllegalStateException("level " + level + ": event " + i + " reads back as " + event);
                }
            }
            if (reader.next() != null || !reader.status().complete()) {
                throw new IllegalStateException("level " + level + ": the log does not end where it should: " + reader.status());
            }
        }
    }

    private static void readAll(byte[] log, int count) throws IOException {
        int read = 0;
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(log))) {
            while (reader.next() != null) {
                read++;
            }
        }
        if (read != count) {
            throw new IllegalStateException("read " + read + " events of " + count);
        }
    }

    /** The real text per line and per call (medians over the files) next to the model's. */
    private static void compareWithReal(Path directory, double modelBytesPerLine, int modelLines) throws IOException {
        List<RealStraceText> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                runs.add(RealStraceText.measure(file));
            }
        }
        if (runs.isEmpty()) {
            System.out.println("no strace output in " + directory);
            return;
        }
        Table table = new Table("strace text", "runs", "lines/run", "bytes/line", "calls/run", "bytes/call, unsplit");
        table.row("real, of the workload", Integer.toString(runs.size()),
                String.format("%,.0f", median(runs.stream().mapToDouble(RealStraceText::lines).toArray())),
                String.format("%.2f", median(runs.stream().mapToDouble(RealStraceText::bytesPerLine).toArray())),
                String.format("%,.0f", median(runs.stream().mapToDouble(RealStraceText::calls).toArray())),
                String.format("%.2f", median(runs.stream().mapToDouble(RealStraceText::joinedBytesPerCall).toArray())));
        table.row("synthetic model", "1", String.format("%,d", modelLines), String.format("%.2f", modelBytesPerLine),
                String.format("%,d", modelLines), String.format("%.2f", modelBytesPerLine));
        table.print();
        System.out.println("(real strace splits a call into 'unfinished' and 'resumed' lines when another process's call");
        System.out.println(" comes between; 'unsplit' counts each such pair as the one line the model prints)");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
