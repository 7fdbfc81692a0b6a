package dev.tracekit.syscalls;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One system call of an architecture: its number, name, trace classes and argument kinds. */
public record SyscallInfo(int number, String name, Set<SyscallClass> classes, List<ArgKind> args) {
    /** Registers a system call can take arguments in. */
    public static final int MAX_ARGS = 6;

    public SyscallInfo {
        Objects.requireNonNull(name, "name");
        if (number < 0) {
            throw new IllegalArgumentException("syscall number " + number + " is negative");
        }
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException(name + " has " + args.size()
                    + " arguments; a system call takes at most " + MAX_ARGS);
        }
        classes = Set.copyOf(classes);
        args = List.copyOf(args);
    }

    public boolean hasClass(SyscallClass syscallClass) {
        return classes.contains(syscallClass);
    }
}
