package dev.tracekit.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code tracekit analyze}: DuckDB import and reports. Issue 4 builds it. */
@Command(name = "analyze", description = "Import a log or strace text into DuckDB and report on it (not built yet).")
final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("analyze is not built yet in this version; 'tracekit dump' reads logs");
    }
}
