package dev.tracekit.cli;

import dev.tracekit.db.LogImporter;
import dev.tracekit.strace.SiginfoText;
import dev.tracekit.strace.StraceOptions;
import dev.tracekit.strace.SyscallRenderer;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.TraceHeader;

import java.util.HashMap;
import java.util.Map;

/** The importer's argument, result and siginfo text: decoded as strace prints them by default. */
final class StraceArgumentText implements LogImporter.ArgumentText {
    private final Map<String, SyscallRenderer> renderers = new HashMap<>();

    @Override
    public String arguments(TraceHeader header, Syscall call) {
        return renderer(header).arguments(call);
    }

    @Override
    public String unfinishedArguments(TraceHeader header, SyscallEntry call) {
        return renderer(header).arguments(call);
    }

    @Override
    public String result(TraceHeader header, Syscall call) {
        return renderer(header).result(call);
    }

    @Override
    public String siginfo(SignalDelivery signal) {
        return SiginfoText.of(signal);
    }

    private SyscallRenderer renderer(TraceHeader header) {
        return renderers.computeIfAbsent(header.arch(), arch -> new SyscallRenderer(SyscallTable.forArch(arch), StraceOptions.plain()));
    }
}
