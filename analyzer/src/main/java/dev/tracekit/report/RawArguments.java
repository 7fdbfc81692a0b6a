package dev.tracekit.report;

import dev.tracekit.db.LogImporter;
import dev.tracekit.syscalls.Errno;
import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.TraceHeader;

/**
 * Arguments as the registers held them: signed decimal for integers and descriptors, hex for
 * everything else, as many as the syscall takes. No memory is decoded.
 */
public final class RawArguments implements LogImporter.ArgumentText {
    @Override
    public String arguments(TraceHeader header, Syscall call) {
        return render(header, call.number(), call.args());
    }

    @Override
    public String unfinishedArguments(TraceHeader header, SyscallEntry call) {
        return render(header, call.number(), call.args());
    }

    @Override
    public String result(TraceHeader header, Syscall call) {
        return call.failed() ? "-1 " + Errno.describe(call.errno()) : Long.toString(call.result());
    }

    private static String render(TraceHeader header, int number, SyscallArgs args) {
        SyscallInfo info = SyscallTable.forArch(header.arch()).byNumber(number).orElse(null);
        int count = info == null ? SyscallArgs.COUNT : info.args().size();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(", ");
            }
            long value = args.get(i);
            boolean decimal = info != null && switch (info.args().get(i).kind()) {
                case INT, FD, DIRFD, PID, UID, GID, SIGNO, CLOCKID -> true;
                default -> false;
            };
            text.append(decimal ? Long.toString((int) value) : "0x" + Long.toHexString(value));
        }
        return text.toString();
    }
}
