package dev.tracekit.syscalls;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The subset of strace's {@code -e trace=} syntax tracekit understands: a comma list of
 * syscall names, {@code %class} names, {@code all} and {@code none}, the whole list negated by
 * a leading {@code !}.
 */
final class TraceSetExpression {
    private static final String OPTION = "-e trace=";

    private TraceSetExpression() {
    }

    static SortedSet<Integer> resolve(SyscallTable table, String expression) {
        boolean negated = expression.startsWith("!");
        String list = negated ? expression.substring(1) : expression;
        SortedSet<Integer> chosen = new TreeSet<>();
        for (String item : list.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty item in " + OPTION + expression);
            }
            if (item.startsWith("%")) {
                SyscallClass syscallClass = classNamed(item.substring(1)).orElseThrow(() ->
                        new IllegalArgumentException("unknown syscall class '" + item + "' in " + OPTION + expression));
                table.all().stream().filter(info -> info.hasClass(syscallClass)).forEach(info -> chosen.add(info.number()));
            } else if (item.equals("all")) {
                table.all().forEach(info -> chosen.add(info.number()));
            } else if (!item.equals("none")) {
                SyscallInfo info = table.byName(item).orElseThrow(() ->
                        new IllegalArgumentException("unknown syscall name '" + item + "' in " + OPTION + expression));
                chosen.add(info.number());
            }
        }
        if (negated) {
            SortedSet<Integer> rest = new TreeSet<>();
            table.all().stream().map(SyscallInfo::number).filter(n -> !chosen.contains(n)).forEach(rest::add);
            return Collections.unmodifiableSortedSet(rest);
        }
        return Collections.unmodifiableSortedSet(chosen);
    }

    private static Optional<SyscallClass> classNamed(String name) {
        // strace takes %net as a short name for %network
        return name.equals("net") ? Optional.of(SyscallClass.NETWORK) : SyscallClass.fromSpelling(name);
    }
}
