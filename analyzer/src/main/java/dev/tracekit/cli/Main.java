package dev.tracekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The {@code tracekit} command: parses, dispatches, and turns failures into one line and an exit code. */
@Command(name = "tracekit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "strace, pstack and a flame-graph profiler in one tool, with DuckDB behind it.",
        subcommands = {RecordCommand.class, AnalyzeCommand.class, DumpCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error, 3 bad or corrupt input."})
public final class Main {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On failure, print the Java stack trace too.")
    boolean stacktrace;

    private List<String> arguments = List.of();

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the whole command line in-process and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        main.arguments = List.of(args);
        CommandLine commandLine = new CommandLine(main)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, failed, parseResult) -> report(main, err, exception))
                .setParameterExceptionHandler(Main::reportUsage);
        commandLine.getSubcommands().get("record").setStopAtPositional(true);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** This run's command line, as a log's header records it. */
    List<String> arguments() {
        List<String> line = new ArrayList<>(List.of("tracekit"));
        line.addAll(arguments);
        return line;
    }

    /** The version Maven wrote into the jar's resources. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    private static int report(Main main, PrintWriter err, Exception exception) {
        Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
        if (main.stacktrace) {
            cause.printStackTrace(err);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        err.println("tracekit: " + message);
        return cause instanceof BadInputException ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
    }

    private static int reportUsage(CommandLine.ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("tracekit: " + exception.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tracekit " + version(),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
                            + " " + System.getProperty("os.arch")};
        }
    }
}
