package dev.tracekit.strace;

import dev.tracekit.syscalls.ArgKind;
import dev.tracekit.syscalls.SizeSource;
import dev.tracekit.trace.event.Capture;

import java.util.List;

/**
 * Prints a call no dedicated decoder knows from the argument kinds of the syscall table:
 * numbers by kind, flags with their table, paths and buffers from captured memory, and other
 * pointers in hex. What the kernel writes prints at exit, from the first such argument on. A
 * number the table lacks prints as strace's printargs: six arguments in hex.
 */
final class KindDecoder implements Decoder {
    static final KindDecoder INSTANCE = new KindDecoder();

    private KindDecoder() {
    }

    @Override
    public void decode(Call c, ArgPrinter o) {
        if (c.info() == null) {
            MiscDecoders.printargs(c, o);
            return;
        }
        List<ArgKind> kinds = c.info().args();
        boolean exitPart = false;
        for (int i = 0; i < kinds.size(); i++) {
            ArgKind kind = kinds.get(i);
            if (i > 0) {
                o.comma();
            }
            if (!exitPart && readAtExit(kind.kind())) {
                o.entryEnds();
                exitPart = true;
            }
            argument(o, c, kind, i);
        }
    }

    private static boolean readAtExit(ArgKind.Kind kind) {
        return kind.reads() == ArgKind.Reads.AT_EXIT;
    }

    private static void argument(ArgPrinter o, Call c, ArgKind kind, int index) {
        long value = c.arg(index);
        switch (kind.kind()) {
            case INT, PID -> o.decimal(value);
            case UINT -> o.unsigned(value);
            case HEX -> o.hex(value);
            case FD -> o.fd(value);
            case DIRFD -> o.dirfd(value);
            case UID, GID -> o.id(value);
            case SIGNO -> o.signal(value);
            case CLOCKID -> o.xval("clock", (int) value, "CLOCK_???");
            case MODE -> o.octal(value & 0xffffffffL);
            case FLAGS -> tableValue(o, kind, value, true);
            case ENUM -> tableValue(o, kind, value, false);
            case PATH -> o.path(value);
            case STRING -> o.string(value, Capture.Phase.ENTRY);
            case BUF_IN -> o.buffer(value, size(c, kind), Capture.Phase.ENTRY);
            case BUF_OUT -> {
                if (c.succeeded()) {
                    o.buffer(value, size(c, kind), Capture.Phase.EXIT);
                } else {
                    o.pointer(value);
                }
            }
            case SOCKADDR_IN -> SockaddrPrinter.print(o, value, (int) size(c, kind), Capture.Phase.ENTRY);
            case IOV_IN -> IovecPrinter.print(o, value, size(c, kind), -1, Capture.Phase.ENTRY, true);
            case IOV_OUT -> {
                if (c.succeeded()) {
                    IovecPrinter.print(o, value, size(c, kind), c.result(), Capture.Phase.EXIT, true);
                } else {
                    o.pointer(value);
                }
            }
            case INTPTR_OUT -> {
                if (c.succeeded()) {
                    o.intOut(value);
                } else {
                    o.pointer(value);
                }
            }
            default -> o.pointer(value);
        }
    }

    private static void tableValue(ArgPrinter o, ArgKind kind, long value, boolean flags) {
        String table = kind.table().orElseThrow();
        if (!XlatTables.has(table)) {
            o.hex(value);
            return;
        }
        XlatTable xlat = XlatTables.get(table);
        String unknown = xlat.size() > 0 ? prefix(xlat.nameAt(0)) + "???" : null;
        if (flags) {
            o.flags(table, value, unknown);
        } else {
            o.xval(table, value, unknown);
        }
    }

    /** MAP_SHARED gives "MAP_": strace's placeholder for an unknown value is that prefix and "???". */
    private static String prefix(String name) {
        int underscore = name.indexOf('_', name.startsWith("_") ? 1 : 0);
        return underscore < 0 ? "" : name.substring(0, underscore + 1);
    }

    private static long size(Call c, ArgKind kind) {
        SizeSource source = kind.size().orElse(null);
        if (source == null) {
            return 0;
        }
        return source.isResult() ? c.result() : c.arg(source.argument());
    }
}
