package dev.tracekit.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code tracekit record}: the ptrace recorder. Issue 3 builds it. */
@Command(name = "record", description = "Record every syscall, signal and stack sample of a process (not built yet).")
final class RecordCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("record is not built yet in this version; 'tracekit dump' reads logs");
    }
}
