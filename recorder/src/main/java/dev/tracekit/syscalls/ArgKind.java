package dev.tracekit.syscalls;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to show one system call argument, and what memory it points to: a {@link Kind} plus,
 * depending on the kind, a table or struct name and a {@link SizeSource}. Written in the table
 * as {@code kind[:name][:size]}, for example {@code fd}, {@code flags:open}, {@code buf_out:ret},
 * {@code array_out:epoll_event:ret}; {@link #toString()} gives that text back.
 */
public final class ArgKind {
    private static final String SEPARATOR = ":";

    /** What the parts after the kind are. */
    enum Shape {
        BARE(" alone"),
        TABLE(":TABLE"),
        SIZED(":SIZE"),
        /** A struct type, and for extensible structs the argument holding the caller's size. */
        STRUCT(":TYPE[:SIZE]"),
        ARRAY(":TYPE:SIZE");

        private final String usage;

        Shape(String usage) {
            this.usage = usage;
        }
    }

    /** When the recorder reads the memory an argument points to. */
    public enum Reads {
        NOTHING, AT_ENTRY, AT_EXIT, AT_ENTRY_AND_EXIT
    }

    /** Spelled in the table as the constant's name in lower case. */
    public enum Kind {
        INT, UINT, HEX, PTR, FD, DIRFD, PID, UID, GID, SIGNO, CLOCKID, MODE,
        FLAGS(Shape.TABLE, Reads.NOTHING),
        ENUM(Shape.TABLE, Reads.NOTHING),
        PATH(Shape.BARE, Reads.AT_ENTRY),
        STRING(Shape.BARE, Reads.AT_ENTRY),
        STRARRAY(Shape.BARE, Reads.AT_ENTRY),
        BUF_IN(Shape.SIZED, Reads.AT_ENTRY),
        BUF_OUT(Shape.SIZED, Reads.AT_EXIT),
        STRUCT_IN(Shape.STRUCT, Reads.AT_ENTRY),
        STRUCT_OUT(Shape.STRUCT, Reads.AT_EXIT),
        STRUCT_INOUT(Shape.STRUCT, Reads.AT_ENTRY_AND_EXIT),
        ARRAY_IN(Shape.ARRAY, Reads.AT_ENTRY),
        ARRAY_OUT(Shape.ARRAY, Reads.AT_EXIT),
        ARRAY_INOUT(Shape.ARRAY, Reads.AT_ENTRY_AND_EXIT),
        SOCKADDR_IN(Shape.SIZED, Reads.AT_ENTRY, "sockaddr_storage"),
        SOCKADDR_OUT(Shape.SIZED, Reads.AT_EXIT, "sockaddr_storage"),
        FDSET_INOUT(Shape.SIZED, Reads.AT_ENTRY_AND_EXIT),
        IOV_IN(Shape.SIZED, Reads.AT_ENTRY, "iovec"),
        IOV_OUT(Shape.SIZED, Reads.AT_EXIT, "iovec"),
        MSGHDR_IN(Shape.BARE, Reads.AT_ENTRY, "msghdr"),
        MSGHDR_OUT(Shape.BARE, Reads.AT_EXIT, "msghdr"),
        INTPTR_OUT(Shape.BARE, Reads.AT_EXIT);

        private final Shape shape;
        private final Reads reads;
        private final String impliedStruct;

        Kind() {
            this(Shape.BARE, Reads.NOTHING);
        }

        Kind(Shape shape, Reads reads) {
            this(shape, reads, null);
        }

        Kind(Shape shape, Reads reads, String impliedStruct) {
            this.shape = shape;
            this.reads = reads;
            this.impliedStruct = impliedStruct;
        }

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Reads reads() {
            return reads;
        }

        /** The struct whose size this kind needs without naming it, such as iovec for iov_in. */
        public Optional<String> impliedStruct() {
            return Optional.ofNullable(impliedStruct);
        }

        Shape shape() {
            return shape;
        }

        static Optional<Kind> fromSpelling(String spelling) {
            for (Kind kind : values()) {
                if (kind.spelling().equals(spelling)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private final Kind kind;
    private final String name;
    private final SizeSource size;

    private ArgKind(Kind kind, String name, SizeSource size) {
        this.kind = kind;
        this.name = name;
        this.size = size;
    }

    /**
     * Parses one kind as the table writes it.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static ArgKind parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty argument");
        }
        String[] parts = text.split(SEPARATOR, -1);
        Kind kind = Kind.fromSpelling(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown argument kind '" + parts[0] + "'"));
        int expectedParts = switch (kind.shape()) {
            case BARE -> 1;
            case TABLE, SIZED -> 2;
            case STRUCT -> parts.length == 3 ? 3 : 2;
            case ARRAY -> 3;
        };
        if (parts.length != expectedParts) {
            throw new IllegalArgumentException("'" + text + "' does not match " + kind.spelling() + kind.shape().usage);
        }
        return switch (kind.shape()) {
            case BARE -> new ArgKind(kind, null, null);
            case TABLE -> new ArgKind(kind, identifier(parts[1], text), null);
            case SIZED -> new ArgKind(kind, null, SizeSource.parse(parts[1]));
            case STRUCT, ARRAY -> new ArgKind(kind, identifier(parts[1], text),
                    parts.length == 3 ? SizeSource.parse(parts[2]) : null);
        };
    }

    private static String identifier(String candidate, String text) {
        if (!SyscallTableParser.isIdentifier(candidate)) {
            throw new IllegalArgumentException("'" + candidate + "' in '" + text
                    + "' is not a name (lower-case letters, digits, '_')");
        }
        return candidate;
    }

    public Kind kind() {
        return kind;
    }

    /** The analyzer's table that decodes a flags or enum value. */
    public Optional<String> table() {
        return kind.shape() == Shape.TABLE ? Optional.of(name) : Optional.empty();
    }

    /** The struct type a struct or array kind reads. */
    public Optional<String> struct() {
        return kind.shape() == Shape.STRUCT || kind.shape() == Shape.ARRAY ? Optional.of(name) : Optional.empty();
    }

    public Optional<SizeSource> size() {
        return Optional.ofNullable(size);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArgKind that
                && kind == that.kind && Objects.equals(name, that.name) && Objects.equals(size, that.size);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, size);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.spelling());
        if (name != null) {
            text.append(SEPARATOR).append(name);
        }
        if (size != null) {
            text.append(SEPARATOR).append(size);
        }
        return text.toString();
    }
}
