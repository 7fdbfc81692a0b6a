package dev.tracekit.strace;

import dev.tracekit.syscalls.Errno;
import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;

import java.util.Objects;

/**
 * The strace text of single calls: the argument list and the result, as {@code strace} prints
 * them between the parentheses and after {@code = }. This is what the importer stores per call;
 * {@link StraceText} builds whole lines from it.
 *
 * <pre>{@code
 * SyscallRenderer renderer = new SyscallRenderer(SyscallTable.forArch("x86_64"), StraceOptions.plain());
 * renderer.name(call.number());   // "openat"
 * renderer.arguments(call);       // "AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC"
 * renderer.result(call);          // "3", or "-1 ENOENT (No such file or directory)"
 * }</pre>
 *
 * Rendered on their own, calls show no fd paths (-y needs the history of the log) and
 * restart_syscall does not name the call it resumes. Thread-safe: it holds no state.
 */
public final class SyscallRenderer {
    private static final int ERESTARTSYS = 512;
    private static final int ERESTARTNOINTR = 513;
    private static final int ERESTARTNOHAND = 514;
    private static final int ERESTART_RESTARTBLOCK = 516;

    private final SyscallTable table;
    private final StraceOptions options;

    public SyscallRenderer(SyscallTable table, StraceOptions options) {
        this.table = Objects.requireNonNull(table, "table");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The call's name, or {@code syscall_0x1c4} for a number the table lacks. */
    public String name(int number) {
        return table.displayName(number);
    }

    /** Name, arguments and result at once: one decoding where three calls would do three. */
    public CallText text(Syscall call) {
        Call c = Call.of(call, info(call.number()));
        ArgPrinter printer = decode(c, CallContext.NONE);
        return new CallText(name(call.number()), printer.text(), resultText(c, printer, CallContext.NONE));
    }

    /** The arguments between the parentheses, entry and exit parts together. */
    public String arguments(Syscall call) {
        return decode(Call.of(call, info(call.number())), CallContext.NONE).text();
    }

    /**
     * The arguments of a call that never returned: what strace prints at its entry, which ends
     * in ", " where strace would go on at exit ({@code read(3,  <unfinished ...>} gives "3, ").
     */
    public String arguments(SyscallEntry call) {
        ArgPrinter printer = decode(Call.of(call, info(call.number())), CallContext.NONE);
        return printer.text().substring(0, printer.entryLength());
    }

    /** What follows {@code = }: {@code 0x7f3a2c000000}, {@code -1 ENOENT (No such file or directory)}, ... */
    public String result(Syscall call) {
        Call c = Call.of(call, info(call.number()));
        return resultText(c, decode(c, CallContext.NONE), CallContext.NONE);
    }

    /** A call that never returned has no result: {@code ?}. */
    public String result(SyscallEntry call) {
        return "?";
    }

    /**
     * The call's text with the context of the log, for {@link StraceText}: what strace prints at
     * entry sees the context as it was before the call, what it prints at exit (and the result)
     * sees it after {@code calledBack} has applied the call to it, as -y shows a closed fd's
     * path in close's argument and a new one's in pipe's.
     */
    RenderedCall render(Call call, CallContext context, Runnable calledBack) {
        ArgPrinter atEntry = decode(call, context);
        calledBack.run();
        ArgPrinter atExit = context.changesWithCalls() ? decode(call, context) : atEntry;
        String result = call.returned() ? resultText(call, atExit, context) : "?";
        return new RenderedCall(call.tid(), call.number(), name(call.number()), atEntry.text().substring(0, atEntry.entryLength()),
                atExit.text().substring(atExit.entryLength()), atEntry.decodesAtExit(), result);
    }

    SyscallInfo info(int number) {
        return table.byNumber(number).orElse(null);
    }

    private ArgPrinter decode(Call call, CallContext context) {
        ArgPrinter printer = new ArgPrinter(call, options, context);
        Decoder decoder = call.info() == null ? null : Decoders.forName(call.info().name());
        (decoder != null ? decoder : KindDecoder.INSTANCE).decode(call, printer);
        return printer;
    }

    private String resultText(Call call, ArgPrinter printer, CallContext context) {
        StringBuilder text = new StringBuilder();
        String note = printer.resultNote();
        if (call.failed() && printer.resultFormat() != ResultFormat.NONE) {
            text.append(errorText(call.errno()));
        } else {
            long value = call.result();
            switch (printer.resultFormat()) {
                case DECIMAL -> text.append(value);
                case UNSIGNED -> text.append(Long.toUnsignedString(value));
                case HEX -> text.append(Numbers.hex(value));
                case OCTAL -> text.append(Numbers.octal(value));
                case FD -> {
                    text.append(value);
                    if (value >= 0 && value <= Integer.MAX_VALUE) {
                        String path = context.fdPath(call.tid(), (int) value);
                        ArgPrinter.appendAngleBrackets(text, path, options.hexStrings());
                    }
                }
                case NONE -> text.append('?');
            }
        }
        if (note != null) {
            text.append(" (").append(note).append(')');
        }
        return text.toString();
    }

    private static String errorText(int errno) {
        return switch (errno) {
            case ERESTARTSYS -> "? ERESTARTSYS (To be restarted if SA_RESTART is set)";
            case ERESTARTNOINTR -> "? ERESTARTNOINTR (To be restarted)";
            case ERESTARTNOHAND -> "? ERESTARTNOHAND (To be restarted if no handler)";
            case ERESTART_RESTARTBLOCK -> "? ERESTART_RESTARTBLOCK (Interrupted by signal)";
            default -> Errno.name(errno).equals("E" + errno) ? "-1 (errno " + errno + ")"
                    : "-1 " + Errno.describe(errno);
        };
    }
}
