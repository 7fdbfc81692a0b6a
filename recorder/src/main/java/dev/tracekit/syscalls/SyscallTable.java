package dev.tracekit.syscalls;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The system calls of one architecture, loaded from the resource {@code syscalls-ARCH.tbl}. */
public final class SyscallTable {
    private static final Map<String, SyscallTable> LOADED = new ConcurrentHashMap<>();

    private final String arch;
    private final Map<Integer, SyscallInfo> byNumber;
    private final Map<String, SyscallInfo> byName;
    private final List<SyscallInfo> all;
    private final StructSizes structSizes;

    SyscallTable(String arch, List<SyscallInfo> syscalls, StructSizes structSizes) {
        this.arch = arch;
        this.all = syscalls.stream().sorted(Comparator.comparingInt(SyscallInfo::number)).toList();
        this.byNumber = Map.copyOf(all.stream().collect(Collectors.toMap(SyscallInfo::number, Function.identity())));
        this.byName = Map.copyOf(all.stream().collect(Collectors.toMap(SyscallInfo::name, Function.identity())));
        this.structSizes = structSizes;
    }

    /**
     * The table for an architecture as {@code uname -m} names it, such as {@code x86_64}.
     *
     * @throws IllegalArgumentException when there is no table for it
     * @throws TableFormatException     when the bundled table is malformed
     */
    public static SyscallTable forArch(String arch) {
        return LOADED.computeIfAbsent(arch, SyscallTable::load);
    }

    private static SyscallTable load(String arch) {
        String resource = "syscalls-" + arch + ".tbl";
        // the name becomes part of a resource path, so only plain names are looked up
        InputStream in = SyscallTableParser.isIdentifier(arch) ? SyscallTable.class.getResourceAsStream(resource) : null;
        if (in == null) {
            throw new IllegalArgumentException("no syscall table for architecture '" + arch + "'");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SyscallTableParser.parse(arch, resource, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String arch() {
        return arch;
    }

    /** Empty for a number the table lacks, which a newer kernel may well use. */
    public Optional<SyscallInfo> byNumber(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    public Optional<SyscallInfo> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every system call, by increasing number. */
    public List<SyscallInfo> all() {
        return all;
    }

    /** The name to print: the syscall's, or {@code syscall_0x1c4} for a number the table lacks. */
    public String displayName(int number) {
        return byNumber(number).map(SyscallInfo::name).orElseGet(() -> "syscall_0x" + Integer.toHexString(number));
    }

    public StructSizes structSizes() {
        return structSizes;
    }

    /**
     * The syscall numbers an strace {@code -e trace=} expression selects: a comma list of names,
     * {@code %file %desc %network (%net) %process %signal %memory %ipc %creds %clock},
     * {@code all} and {@code none}, negated as a whole by a leading {@code !}. Only numbers of
     * this table are returned, so a negated set never holds numbers the table lacks.
     *
     * @throws IllegalArgumentException naming an unknown syscall or class
     */
    public SortedSet<Integer> resolveTraceSet(String expression) {
        return TraceSetExpression.resolve(this, expression);
    }
}
