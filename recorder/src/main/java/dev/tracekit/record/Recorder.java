package dev.tracekit.record;

import dev.tracekit.perf.TaskClockSampler;
import dev.tracekit.ptrace.PtraceException;
import dev.tracekit.stack.sample.CaptureReader;
import dev.tracekit.trace.LogFormat;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.TraceHeader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One recording: opens the log, runs the {@link Tracer} on a thread of its own, stops it on
 * request or after the duration, and closes the log.
 */
public final class Recorder {
    private final RecordOptions options;
    private final SyscallSupport syscalls;
    private final List<String> recorderCommandLine;
    private final String version;
    private final SamplerChoice.PerfOpener perfOpener;
    private volatile Tracer tracer;
    private volatile boolean stopRequested;
    private final CountDownLatch started = new CountDownLatch(1);

    public Recorder(RecordOptions options, SyscallSupport syscalls, List<String> recorderCommandLine, String version) {
        this(options, syscalls, recorderCommandLine, version, TaskClockSampler::open);
    }

    /** With another way to open the perf sampler: a test's, that fails. */
    Recorder(RecordOptions options, SyscallSupport syscalls, List<String> recorderCommandLine, String version,
             SamplerChoice.PerfOpener perfOpener) {
        this.options = options;
        this.syscalls = syscalls;
        this.recorderCommandLine = List.copyOf(recorderCommandLine);
        this.version = version;
        this.perfOpener = perfOpener;
    }

    /** Any thread, any time: ends the recording soon, detaching every tracee. */
    public void requestStop() {
        stopRequested = true;
        Tracer current = tracer;
        if (current != null) {
            current.requestStop();
        }
    }

    /**
     * Waits until every target is seized (or the start failed): from then on nothing they do is
     * missed. For callers that must not act on the target before the recording sees it.
     */
    public boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit);
    }

    /** Records until the tracees end, a stop is requested or the duration passes. */
    public RecordResult run() throws RecordException, IOException {
        BitSet traced;
        try {
            traced = syscalls.traceSet(options.traceSet());
        } catch (IllegalArgumentException e) {
            throw new RecordException(e.getMessage(), 2, e);
        }
        if (options.syscallStacks() && traced != null && traced.isEmpty()) {
            throw new RecordException("--syscall-stacks needs syscalls to trace, and -e trace=" + options.traceSet()
                    + " selects none", 2);
        }
        String commandPath = options.launches() ? findCommand(options.command().get(0)) : null;
        long started = System.nanoTime();
        SamplerChoice sampler = SamplerChoice.make(options, CaptureReader.DEFAULT_STACK_BYTES, perfOpener);
        try (TaskClockSampler closedAfterTheTracer = sampler.perf()) {
            return record(traced, commandPath, started, sampler);
        }
    }

    private RecordResult record(BitSet traced, String commandPath, long started, SamplerChoice sampler)
            throws RecordException, IOException {
        TraceHeader header = header(sampler.name());
        TraceWriter writer = openLog(header);
        WarmUp.run(header);
        boolean stacks = options.sampleHz() > 0 || options.syscallStacks();
        ScheduledExecutorService timer = startTimer();
        long period = options.sampleHz() == 0 ? 0 : 1_000_000_000L / options.sampleHz();
        RoundTimer rounds = period == 0 ? null : new RoundTimer(timer, period, () -> {
            Tracer current = tracer;
            return current == null ? period : current.requestSample();
        });
        Tracer newTracer = new Tracer(writer, syscalls.capture(options.stringLimit()),
                new Tracer.KnownCalls(syscalls.cloneFlags(), syscalls.codeChanges(), syscalls.restartSyscall(),
                        syscalls.execs(), syscalls.seccompOn()), traced,
                stacks ? new TracedStacks() : null, options.syscallStacks(), sampler.perf(), options.sampleHz(),
                rounds == null ? () -> { } : rounds::hurry);
        TracerThread thread = new TracerThread(newTracer, commandPath, header);
        if (rounds != null) {
            rounds.start();
        }
        try (writer) {
            thread.start();
            // The tracer must finish detaching whatever happens: an interrupt only asks it to stop.
            Joins.uninterruptibly(thread, this::requestStop);
        } finally {
            timer.shutdownNow();
        }
        if (thread.failedToStart() && writer.eventsWritten() == 0) {
            Files.deleteIfExists(options.output());
        }
        thread.rethrow();
        return new RecordResult(writer.eventsWritten(), Files.size(options.output()),
                Duration.ofNanos(System.nanoTime() - started), newTracer.launchedStatus(),
                sampler.report(newTracer.threadsBusyWithCalls()));
    }

    private TraceHeader header(String sampler) {
        long monotonic = System.nanoTime();
        Instant wall = Instant.now();
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("format", LogFormat.MAJOR_VERSION + "." + LogFormat.MINOR_VERSION);
        recorded.put("strsize", Integer.toString(options.stringLimit()));
        recorded.put("trace", options.traceSet() == null ? "all" : options.traceSet());
        recorded.put("target", options.launches() ? "launch" : "attach");
        recorded.put("samples", Integer.toString(options.sampleHz()));
        recorded.put("syscall-stacks", Boolean.toString(options.syscallStacks()));
        recorded.put("sampler", sampler);
        return new TraceHeader(HostInfo.arch(), HostInfo.kernelRelease(), HostInfo.hostname(), monotonic,
                wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), version, recorderCommandLine, recorded);
    }

    private TraceWriter openLog(TraceHeader header) throws RecordException {
        try {
            return TraceWriter.create(options.output(), header, TraceWriter.Options.DEFAULT, TraceWriter.DEFAULT_FLUSH_INTERVAL);
        } catch (IOException e) {
            throw new RecordException("cannot write " + options.output() + ": " + describe(e), 1, e);
        }
    }

    /** The recorder's timer thread: the end of --duration, and the {@link RoundTimer}'s rounds. */
    private ScheduledExecutorService startTimer() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tracekit-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (options.duration() != null) {
            timer.schedule(this::requestStop, options.duration().toNanos(), TimeUnit.NANOSECONDS);
        }
        return timer;
    }


    /** Searches PATH as a shell would, so a missing command is reported before anything starts. */
    private static String findCommand(String command) throws RecordException {
        if (command.contains("/")) {
            Path path = Path.of(command);
            if (!Files.isExecutable(path)) {
                throw new RecordException(command + ": " + (Files.exists(path) ? "permission denied" : "no such file"), 127);
            }
            return command;
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : searchPath.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new RecordException(command + ": command not found", 127);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        return e.getMessage();
    }

    /** The dedicated platform thread every ptrace call happens on. */
    private final class TracerThread extends Thread {
        private final Tracer threadTracer;
        private final String commandPath;
        private final TraceHeader header;
        private Exception failure;

        TracerThread(Tracer tracer, String commandPath, TraceHeader header) {
            super("tracekit-tracer");
            this.threadTracer = tracer;
            this.commandPath = commandPath;
            this.header = header;
        }

        @Override
        public void run() {
            try {
                threadTracer.installDoorbell();
                threadTracer.warmUpStacks(header);
            } catch (Exception e) {
                failure = e;
                started.countDown();
                return;
            }
            tracer = threadTracer;
            try {
                if (options.launches()) {
                    threadTracer.launch(commandPath, options.command());
                } else {
                    for (int pid : options.pids()) {
                        threadTracer.attach(pid);
                    }
                }
            } catch (Exception e) {
                failure = e;
                threadTracer.requestStop();
            }
            started.countDown();
            if (stopRequested) {
                threadTracer.requestStop();
            }
            try {
                threadTracer.run();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }

        /** Nothing was traced: the doorbell, the attach or the launch failed. */
        boolean failedToStart() {
            return failure instanceof RecordException || failure instanceof PtraceException;
        }

        void rethrow() throws RecordException, IOException {
            if (failure instanceof RecordException e) {
                throw e;
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure != null) {
                throw new IOException(failure.toString(), failure);
            }
        }
    }
}
