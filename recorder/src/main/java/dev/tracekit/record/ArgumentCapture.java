package dev.tracekit.record;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.List;

/** Copies the memory a syscall's arguments point to, at the phase where strace would print it. */
interface ArgumentCapture {
    void atEntry(int tid, int number, SyscallArgs args, List<Capture> into);

    void atExit(int tid, int number, SyscallArgs args, long result, List<Capture> into);
}
