package dev.tracekit.cli;

import dev.tracekit.record.RecordException;
import dev.tracekit.record.RecordOptions;
import dev.tracekit.record.RecordResult;
import dev.tracekit.record.Recorder;
import dev.tracekit.record.StopSignals;
import dev.tracekit.record.SyscallSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tracekit record}: parses, then hands over to {@link Recorder}. */
@Command(name = "record",
        description = {"Record every syscall of a running process (-p) or of a command, with the memory "
                + "its arguments point to, signals, forks, execs and exits, into a binary log.",
                "",
                "It also samples the stack of every thread -F times a second, on the CPU or blocked, "
                + "and in which syscall: of wall-clock time inside a syscall, of the thread's CPU time "
                + "while it runs its own code (wall clock too with --sampler=ptrace). "
                + "-e trace=none keeps only the samples: a profiler that "
                + "lets the program run at nearly full speed and needs nothing from it (no frame "
                + "pointers, no agent).",
                "",
                "Running a command, Ctrl-C goes to the command and the recording follows it to its end; "
                + "a second Ctrl-C or SIGTERM detaches. Attached with -p, Ctrl-C detaches and the "
                + "process runs on. tracekit record exits with the command's exit code "
                + "(128+N when a signal N killed it, 127 when it was not found)."},
        footer = {"", "Examples:",
                "  tracekit record -o ls.trace -- ls -l /tmp",
                "  tracekit record -p 4242 --duration 10 -o server.trace",
                "  tracekit record -e trace=%%file,%%network -o io.trace -- python3 app.py",
                "  tracekit record -e trace=none -F 499 -p 4242 --duration 30 -o profile.trace",
                "  tracekit record --syscall-stacks -e trace=read,write -o io.trace -- ./server"})
final class RecordCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", split = ",",
            description = "Attach to this process and all its threads (repeatable, or a comma list).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "tracekit.trace",
            description = "The log to write (mode 0600: it holds the process's memory). Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = {"-s", "--string-limit"}, paramLabel = "STRSIZE", defaultValue = "32",
            description = "Bytes to capture of each string and buffer, as strace -s. Default: ${DEFAULT-VALUE}.")
    int stringLimit;

    @Option(names = "-e", paramLabel = "trace=SET",
            description = "Record only these syscalls: names and %%file %%network %%process %%signal %%memory "
                    + "%%desc %%ipc %%creds %%clock, comma-separated, '!' to negate, as strace -e trace=.")
    String filter;

    @Option(names = "-F", paramLabel = "HZ", defaultValue = "" + RecordOptions.DEFAULT_SAMPLE_HZ,
            description = "Stack samples of every thread per second: of wall-clock time inside syscalls, of "
                    + "CPU time on the CPU (see --sampler). Default: ${DEFAULT-VALUE}.")
    int sampleHz;

    @Option(names = "--no-samples", description = "Take no stack samples.")
    boolean noSamples;

    @Option(names = "--sampler", paramLabel = "auto|perf|ptrace", defaultValue = "auto",
            converter = SamplerConverter.class,
            description = "How to sample threads running their own code: perf (perf_event_open, no stop; "
                    + "-F per second of each thread's CPU time), ptrace (PTRACE_INTERRUPT, a stop per sample; -F per "
                    + "second of wall-clock time, runnable threads waiting for a CPU included) or auto (perf where the "
                    + "kernel allows it). Default: ${DEFAULT-VALUE}.")
    RecordOptions.Sampler sampler;

    @Option(names = "--syscall-stacks",
            description = "Also take the stack at the entry of every recorded syscall, as strace -k: "
                    + "which code waits in which call (analyze --folded=syscalls).")
    boolean syscallStacks;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds, detaching every thread.")
    Double durationSeconds;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command to launch and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RecordOptions options = options();
        Recorder recorder = new Recorder(options, SyscallSupport.forThisMachine(), main.arguments(), Main.version());
        StopSignals.install(recorder, options.launches());
        try {
            RecordResult result = recorder.run();
            spec.commandLine().getErr().println("tracekit: " + result.summary() + " to " + output);
            if (result.sampling() != null) {
                spec.commandLine().getErr().println("tracekit: " + result.sampling());
            }
            return result.exitCode();
        } catch (RecordException e) {
            spec.commandLine().getErr().println("tracekit: " + e.getMessage());
            return e.exitCode();
        }
    }

    private RecordOptions options() {
        if (pids.isEmpty() == command.isEmpty()) {
            throw new ParameterException(spec.commandLine(), pids.isEmpty()
                    ? "give a command to launch or -p PID to attach to"
                    : "give either -p PID or a command, not both");
        }
        if (stringLimit < 0) {
            throw new ParameterException(spec.commandLine(), "-s must not be negative");
        }
        String traceSet = null;
        if (filter != null) {
            if (!filter.startsWith("trace=")) {
                throw new ParameterException(spec.commandLine(), "-e takes trace=SET, got '" + filter + "'");
            }
            traceSet = filter.substring("trace=".length());
        }
        Duration duration = null;
        if (durationSeconds != null) {
            if (!(durationSeconds > 0)) {
                throw new ParameterException(spec.commandLine(), "--duration must be a positive number of seconds");
            }
            duration = Duration.ofNanos((long) (durationSeconds * 1e9));
        }
        if (sampleHz < 1 || sampleHz > RecordOptions.MAX_SAMPLE_HZ) {
            throw new ParameterException(spec.commandLine(), "-F takes 1 to " + RecordOptions.MAX_SAMPLE_HZ + " samples a second");
        }
        return new RecordOptions(pids, command, output, stringLimit, traceSet, duration, noSamples ? 0 : sampleHz,
                syscallStacks, sampler);
    }

    /** auto, perf or ptrace, in lower case as typed. */
    static final class SamplerConverter implements ITypeConverter<RecordOptions.Sampler> {
        @Override
        public RecordOptions.Sampler convert(String value) {
            for (RecordOptions.Sampler sampler : RecordOptions.Sampler.values()) {
                if (sampler.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return sampler;
                }
            }
            throw new TypeConversionException("expected auto, perf or ptrace, got '" + value + "'");
        }
    }
}
