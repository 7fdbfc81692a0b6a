package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.nio.charset.StandardCharsets;

/**
 * Where decoders write one call's arguments, through strace's printing primitives (a path, a
 * file descriptor, flags with a table, a quoted buffer, ...), so that every decoder shows a
 * value the same way. A decoder marks with {@link #entryEnds} where the part strace prints at
 * the call's entry stops: the rest appears only once the call returned, after
 * {@code <... NAME resumed>} when other lines came between. Decoders also choose how the
 * result prints.
 */
final class ArgPrinter {
    private static final String AT_FDCWD_NAME = "AT_FDCWD";
    private static final int AT_FDCWD = -100;
    private static final String DELETED = " (deleted)";

    private final StringBuilder out = new StringBuilder(128);
    private final Call call;
    private final StraceOptions options;
    private final CallContext context;
    private int entryEnd = -1;
    private ResultFormat resultFormat = ResultFormat.DECIMAL;
    private String resultNote;

    ArgPrinter(Call call, StraceOptions options, CallContext context) {
        this.call = call;
        this.options = options;
        this.context = context;
    }

    Call call() {
        return call;
    }

    StraceOptions options() {
        return options;
    }

    CallContext context() {
        return context;
    }

    int stringLimit() {
        return options.stringLimit();
    }

    /** The text so far; for decoders that print a number of their own. */
    StringBuilder builder() {
        return out;
    }

    /** Marks the end of what strace prints at entry; the rest waits for the call's exit. */
    ArgPrinter entryEnds() {
        entryEnd = out.length();
        return this;
    }

    /** Length of the entry part: all of it when the decoder prints everything at entry. */
    int entryLength() {
        return entryEnd < 0 ? out.length() : entryEnd;
    }

    /** Whether the decoder prints anything at exit (strace's decoders not RVAL_DECODED at entry). */
    boolean decodesAtExit() {
        return entryEnd >= 0;
    }

    ArgPrinter result(ResultFormat format) {
        resultFormat = format;
        return this;
    }

    /** Text strace adds after the return value in parentheses, as {@code (flags FD_CLOEXEC)}. */
    ArgPrinter resultNote(String note) {
        resultNote = note;
        return this;
    }

    ResultFormat resultFormat() {
        return resultFormat;
    }

    String resultNote() {
        return resultNote;
    }

    String text() {
        return out.toString();
    }

    // ---- plain text and numbers

    ArgPrinter text(String text) {
        out.append(text);
        return this;
    }

    /** strace's tprint_arg_next and tprint_struct_next. */
    ArgPrinter comma() {
        out.append(", ");
        return this;
    }

    /** {@code name=}, before a struct field or a named argument. */
    ArgPrinter field(String name) {
        out.append(name).append('=');
        return this;
    }

    ArgPrinter decimal(long value) {
        out.append(value);
        return this;
    }

    /** A C int argument: the low 32 bits, signed. */
    ArgPrinter decimalInt(long value) {
        out.append((int) value);
        return this;
    }

    ArgPrinter unsigned(long value) {
        out.append(Long.toUnsignedString(value));
        return this;
    }

    /** A C unsigned int argument: the low 32 bits. */
    ArgPrinter unsignedInt(long value) {
        out.append(value & 0xffffffffL);
        return this;
    }

    ArgPrinter hex(long value) {
        out.append(Numbers.hex(value));
        return this;
    }

    ArgPrinter pointer(long address) {
        out.append(Numbers.pointer(address));
        return this;
    }

    ArgPrinter octal(long value) {
        out.append(Numbers.octal(value));
        return this;
    }

    /** A uid or gid: -1 as such, others unsigned. */
    ArgPrinter id(long value) {
        int id = (int) value;
        out.append(id == -1 ? "-1" : Integer.toUnsignedString(id));
        return this;
    }

    ArgPrinter signal(long number) {
        out.append(Signals.name((int) number));
        return this;
    }

    // ---- named constants

    /** strace's printflags: names joined by '|', unknown bits in hex, or hex with a comment. */
    ArgPrinter flags(String table, long value, String unknown) {
        if (!XlatTables.get(table).appendFlags(out, value)) {
            if (value != 0) {
                out.append(Numbers.hex(value));
                comment(unknown);
            } else if (unknown != null) {
                out.append('0');
            }
        }
        return this;
    }

    /** printflags_ex over several tables, in turn, as clone3's flags. */
    ArgPrinter flags(long value, String unknown, String... tables) {
        long left = value;
        int mark = out.length();
        for (String table : tables) {
            if (left == 0 && out.length() > mark) {
                break;
            }
            XlatTable xlat = XlatTables.get(table);
            for (int i = 0; i < xlat.size(); i++) {
                long bits = xlat.valueAt(i);
                if (left == bits && out.length() == mark || bits != 0 && (left & bits) == bits) {
                    out.append(out.length() > mark ? "|" : "").append(xlat.nameAt(i));
                    left &= ~bits;
                }
            }
        }
        if (out.length() > mark) {
            if (left != 0) {
                out.append('|').append(Numbers.hex(left));
            }
        } else if (value != 0) {
            out.append(Numbers.hex(value));
            comment(unknown);
        } else if (unknown != null) {
            out.append('0');
        }
        return this;
    }

    /** strace's printxval: the name, or the value in hex followed by a comment. */
    ArgPrinter xval(String table, long value, String unknown) {
        String name = XlatTables.get(table).lookup(value);
        if (name != null) {
            out.append(name);
        } else {
            out.append(Numbers.hex(value));
            comment(unknown);
        }
        return this;
    }

    ArgPrinter comment(String text) {
        if (text != null) {
            out.append(" /* ").append(text).append(" */");
        }
        return this;
    }

    // ---- file descriptors

    ArgPrinter fd(long value) {
        int fd = (int) value;
        out.append(fd);
        if (fd >= 0) {
            angleBrackets(context.fdPath(call.tid(), fd));
        }
        return this;
    }

    /** A directory fd: AT_FDCWD by name (with the working directory under -y). */
    ArgPrinter dirfd(long value) {
        if ((int) value == AT_FDCWD) {
            out.append(AT_FDCWD_NAME);
            angleBrackets(context.cwd(call.tid()));
            return this;
        }
        return fd(value);
    }

    void angleBrackets(String path) {
        appendAngleBrackets(out, path, options.hexStrings());
    }

    /** {@code <path>} as -y shows it, with " (deleted)" after the brackets. */
    static void appendAngleBrackets(StringBuilder out, String path, HexStrings hex) {
        if (path == null) {
            return;
        }
        boolean deleted = path.endsWith(DELETED);
        String shown = deleted ? path.substring(0, path.length() - DELETED.length()) : path;
        QuotedString.appendInAngleBrackets(out, shown.getBytes(StandardCharsets.UTF_8), hex);
        if (deleted) {
            out.append("(deleted)");
        }
    }

    // ---- memory

    /** A path, whole: the recorder reads paths at entry without the -s limit. */
    ArgPrinter path(long address) {
        if (address == 0) {
            return text("NULL");
        }
        Capture capture = call.atEntry(address);
        if (capture == null) {
            return pointer(address);
        }
        byte[] bytes = capture.bytes().toByteArray();
        QuotedString.append(out, bytes, bytes.length, options.hexStrings());
        if (capture.truncated()) {
            out.append("...");
        }
        return this;
    }

    /** A NUL-terminated string, cut at -s: strace's printstr. */
    ArgPrinter string(long address, Capture.Phase phase) {
        if (address == 0) {
            return text("NULL");
        }
        Capture capture = call.find(phase, address);
        if (capture == null) {
            return pointer(address);
        }
        byte[] bytes = capture.bytes().toByteArray();
        int limit = options.stringLimit();
        int shown = Math.min(bytes.length, limit);
        QuotedString.append(out, bytes, shown, options.hexStrings());
        if (bytes.length > limit || capture.fullLength() == Capture.UNKNOWN_LENGTH) {
            out.append("...");
        }
        return this;
    }

    /** {@code length} bytes of a buffer, cut at -s: strace's printstrn. */
    ArgPrinter buffer(long address, long length, Capture.Phase phase) {
        if (address == 0) {
            return text("NULL");
        }
        Capture capture = call.find(phase, address);
        if (capture == null) {
            return pointer(address);
        }
        appendBuffer(capture.bytes().toByteArray(), length);
        return this;
    }

    /**
     * Bytes already fetched, of which {@code length} were meant: strace's printstrn on them, with
     * "..." after the bytes when fewer than {@code length} are shown.
     */
    ArgPrinter appendBuffer(byte[] bytes, long length) {
        int limit = options.stringLimit();
        int shown = (int) Math.min(Math.min(bytes.length, limit), Math.max(length, 0));
        QuotedString.append(out, bytes, shown, options.hexStrings());
        if (length > shown) {
            out.append("...");
        }
        return this;
    }

    /** The struct at {@code address} read in {@code phase}, or null after printing the address. */
    Bytes struct(long address, Capture.Phase phase, int size) {
        if (address == 0) {
            text("NULL");
            return null;
        }
        Capture capture = call.find(phase, address);
        if (capture == null || capture.bytes().length() < size) {
            pointer(address);
            return null;
        }
        return new Bytes(capture.bytes());
    }

    /** An int the kernel wrote through a pointer, as {@code [42]}. */
    ArgPrinter intOut(long address) {
        Bytes value = struct(address, Capture.Phase.EXIT, 4);
        if (value != null) {
            out.append('[').append(value.s32(0)).append(']');
        }
        return this;
    }
}
