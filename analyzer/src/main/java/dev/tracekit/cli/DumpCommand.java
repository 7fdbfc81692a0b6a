package dev.tracekit.cli;

import dev.tracekit.report.EventJson;
import dev.tracekit.report.EventText;
import dev.tracekit.trace.ReadStatus;
import dev.tracekit.trace.event.TraceEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tracekit dump}: every record of a log as text or JSON Lines, raw numbers and all. */
@Command(name = "dump",
        description = {"Print every event of a tracekit log as it was recorded: raw syscall numbers, "
                + "argument registers and captured bytes. For debugging recordings and the format."})
final class DumpCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A log written by tracekit record.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line per event) or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
    long limit = Long.MAX_VALUE;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LogInput log = LogInput.open(file)) {
            EventJson json = format == Format.json ? new EventJson() : null;
            EventText text = new EventText(log.header());
            if (json != null) {
                out.println(json.header(log.header(), log.minorVersion()));
            } else {
                EventText.describe(log.header(), log.minorVersion()).forEach(out::println);
            }
            long printed = 0;
            TraceEvent event;
            while (printed < limit && (event = log.next()) != null) {
                out.println(json != null ? json.format(event) : text.format(event));
                printed++;
            }
            ReadStatus status = log.status();
            if (status != null && !status.complete()) {
                out.flush();
                spec.commandLine().getErr().println("tracekit: warning: " + file + ": " + status.message());
            }
        }
        return ExitCode.OK;
    }
}
