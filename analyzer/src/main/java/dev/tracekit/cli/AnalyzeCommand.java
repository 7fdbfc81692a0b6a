package dev.tracekit.cli;

import dev.tracekit.db.Database;
import dev.tracekit.report.FoldedStacks;
import dev.tracekit.report.QueryOutput;
import dev.tracekit.report.Rows;
import dev.tracekit.report.StraceCounts;
import dev.tracekit.report.SummaryText;
import dev.tracekit.report.SyscallSummary;
import dev.tracekit.report.ThreadStacks;
import dev.tracekit.strace.StraceOptions;
import dev.tracekit.strace.StoredCallsText;
import dev.tracekit.strace.StraceText;
import dev.tracekit.stracetext.StraceInput;
import dev.tracekit.trace.ReadStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tracekit analyze}: import into DuckDB, then answer from there. */
@Command(name = "analyze",
        description = {"Import tracekit logs or strace text into DuckDB and report: per-syscall latency summaries, strace text, SQL, Parquet exports.",
                "FILE may also be a DuckDB database written earlier with --db: it is queried without importing again."},
        footer = {"", "Examples:",
                "  tracekit analyze run.trace                       (same as --summary)",
                "  tracekit analyze run.trace --summary --by thread --format json",
                "  tracekit analyze run.trace --strace -y -s 100 -e trace=%%file",
                "  tracekit analyze run.trace --db run.duckdb",
                "  tracekit analyze run.trace --folded > run.folded && flamegraph.pl run.folded > run.svg",
                "  tracekit analyze run.duckdb --sql \"SELECT name, count(*) FROM syscalls WHERE errno = 'ENOENT' GROUP BY name\"",
                "  tracekit analyze a.trace b.trace --parquet exported/",
                "  tracekit analyze old.strace.txt --summary"})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "tracekit logs, strace text (files, or a directory of -ff output), or one DuckDB database.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--summary", description = "Per-syscall calls, errors and wall-time latency (the default).")
    boolean summary;

    @Option(names = "--by", paramLabel = "thread|process", description = "Break the summary down per thread or per process.")
    SyscallSummary.By by = SyscallSummary.By.syscall;

    @Option(names = "--sql", paramLabel = "QUERY", description = "Run a query; docs/schema.md describes the tables.")
    String sql;

    @Option(names = "--db", paramLabel = "FILE.duckdb",
            description = "Keep the database in this file (created if missing); later runs can query it without importing.")
    Path databaseFile;

    @Option(names = "--parquet", paramLabel = "DIR",
            description = "Export every table as Parquet under DIR/TABLE/host=HOST/trace_uid=UID/.")
    Path parquetDir;

    @Option(names = "--folded", paramLabel = "samples|syscalls", arity = "0..1", fallbackValue = "samples",
            description = {"Folded stacks for flamegraph.pl or speedscope: timer samples (the default), or, with syscalls,"
                    + " the stacks at syscall entry weighted by each call's wall time in microseconds."})
    FoldedKind folded;

    @Option(names = "--stacks", description = "Each thread's most recent stack sample, as pstack prints it.")
    boolean stacks;

    @Mixin
    StraceTextOptions strace;

    @Option(names = "--format", paramLabel = "text|json|csv", defaultValue = "text",
            description = "Output of --summary and --sql. Default: ${DEFAULT-VALUE}.")
    QueryOutput.Format format;

    @Override
    public Integer call() throws Exception {
        Inputs inputs = Inputs.classify(files, databaseFile, spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (strace.enabled) {
            printStrace(inputs, out, err);
            if (inputs.straceTexts().isEmpty() && inputs.database() == null && !summary && sql == null && parquetDir == null
                    && folded == null && !stacks) {
                return ExitCode.OK;
            }
        }
        try (Database database = Database.open(inputs.database())) {
            for (Path log : inputs.logs()) {
                new LogImport(database, err).run(log);
            }
            List<Integer> straceTraces = new ArrayList<>();
            for (StraceInput input : inputs.straceTexts()) {
                straceTraces.add(new StraceImport(database, err).run(input));
            }
            if (strace.enabled) {
                boolean onlyDatabase = inputs.logs().isEmpty() && inputs.straceTexts().isEmpty();
                printStoredStrace(database, onlyDatabase ? database.traceIds() : straceTraces, out);
                if (!summary && sql == null && parquetDir == null && folded == null && !stacks) {
                    return ExitCode.OK;
                }
            }
            if (parquetDir != null) {
                ParquetExport.write(database.connection(), parquetDir);
            }
            if (sql != null) {
                query(database, out);
            }
            if (folded != null) {
                printFolded(database, out, err);
            }
            if (stacks && ThreadStacks.write(database.connection(), out) == 0) {
                err.println("tracekit: no stack samples to show");
            }
            if (summary || (sql == null && parquetDir == null && folded == null && !stacks)) {
                printSummary(database, out);
            }
        }
        return ExitCode.OK;
    }

    /** Straight from the logs, not the database: -s, -x and -y need the recorded bytes. */
    private void printStrace(Inputs inputs, PrintWriter out, PrintWriter err) throws BadInputException, IOException {
        StraceOptions options = strace.toOptions();
        for (Path log : inputs.logs()) {
            ReadStatus status;
            try {
                status = StraceText.write(log, out, options);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (IOException e) {
                out.flush();
                throw LogInput.failure(log, e);
            }
            out.flush();
            if (!status.complete()) {
                err.println("tracekit: warning: " + log + ": " + status.message());
            }
        }
    }

    private void printFolded(Database database, PrintWriter out, PrintWriter err) throws SQLException {
        FoldedStacks.Weight weight = folded == FoldedKind.samples ? FoldedStacks.Weight.SAMPLES : FoldedStacks.Weight.SYSCALL_TIME;
        if (FoldedStacks.write(database.connection(), weight, out) == 0) {
            err.println(folded == FoldedKind.samples ? "tracekit: no timer stack samples to fold"
                    : "tracekit: no stacks at syscall entry to fold (recorded with --syscall-stacks, or strace -k)");
        }
    }

    enum FoldedKind { samples, syscalls }

    /**
     * Traces printed from what the database kept: the arguments and results as text. strace text
     * has nothing else; a database given alone, nothing else either (-s, -x and -y then cannot
     * change what was rendered at import).
     */
    private void printStoredStrace(Database database, List<Integer> traceIds, PrintWriter out) throws SQLException, IOException {
        StraceOptions options;
        try {
            options = strace.toOptions();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (int traceId : traceIds) {
            try {
                StoredCallsText.write(database.connection(), traceId, database.arch(traceId), out, options);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** A query's own error is the database's message and exit 1: the input was fine. */
    private void query(Database database, PrintWriter out) throws QueryException {
        try (Statement statement = database.connection().createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            QueryOutput.print(out, result, format);
        } catch (SQLException e) {
            throw new QueryException(e);
        }
    }

    /** The calls' summary; for strace text without calls (strace -c), strace's own table as imported. */
    private void printSummary(Database database, PrintWriter out) throws SQLException {
        List<SyscallSummary.Row> rows = SyscallSummary.compute(database.connection(), by);
        List<StraceCounts.Row> counts = rows.isEmpty() ? StraceCounts.read(database.connection()) : List.of();
        if (!counts.isEmpty()) {
            switch (format) {
                case text -> StraceCounts.print(out, counts);
                case json -> Rows.json(out, counts.stream().map(StraceCounts.Row::asMap).toList());
                case csv -> Rows.csv(out, counts.stream().map(StraceCounts.Row::asMap).toList());
            }
            return;
        }
        switch (format) {
            case text -> SummaryText.print(out, rows, by);
            case json -> Rows.json(out, rows.stream().map(row -> row.asMap(by)).toList());
            case csv -> Rows.csv(out, rows.stream().map(row -> row.asMap(by)).toList());
        }
    }
}
