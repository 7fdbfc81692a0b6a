package dev.tracekit.stracetext;

import java.util.ArrayList;
import java.util.List;

/**
 * A table strace prints with -c or -C: a header naming its columns (strace's six, or those -U
 * chose, in -U's order), a rule, a row per syscall, a rule and a total. Reads the header, then
 * each row into a {@link Count}; the total is left out (the rows sum to it).
 */
final class CountTable {
    private static final String SUMMARY_FOR = "System call usage summary for ";

    /** What a column holds, by the header strace gives it. */
    enum Column {
        TIME_PERCENT("% time"), TOTAL_TIME("seconds"), AVG_TIME("usecs/call"), CALLS("calls"), ERRORS("errors"),
        NAME("syscall"), MIN_TIME("shortest"), MAX_TIME("longest");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    /** One row; a value the table has no column for is null. Times in nanoseconds. */
    record Count(String personality, String syscall, Long calls, Long errors, Long totalNs, Long avgNs, Long minNs,
                 Long maxNs, Double timePercent) {
    }

    private List<Column> columns;
    /** The rules seen since the header: the rows come after the first, the total after the second. */
    private int rules;
    private String personality;

    /**
     * Whether {@code text} starts a table or is part of the one open; such lines are this class's
     * to {@link #read}. A header that no rule follows was not one: the line after it is not taken.
     */
    boolean owns(String text) {
        if (columns != null) {
            if (rules == 0 && !isRule(text)) {
                columns = null;
                return false;
            }
            return true;
        }
        return text.startsWith(SUMMARY_FOR) || mayBeHeader(text) && header(text) != null;
    }

    /** Reads a line {@link #owns} took: a row into {@code line.count}, the rest as OTHER; false when not understood. */
    boolean read(String text, Line line) {
        line.kind = Line.Kind.OTHER;
        if (text.startsWith(SUMMARY_FOR)) {
            personality = text.substring(SUMMARY_FOR.length(), text.length() - (text.endsWith(":") ? 1 : 0));
            return true;
        }
        if (columns == null) {
            columns = header(text);
            rules = 0;
            return true;
        }
        if (isRule(text)) {
            rules++;
            return true;
        }
        if (rules > 1) {
            columns = null; // the total
            return true;
        }
        Count count = row(text.trim().split(" +"));
        if (count == null) {
            return line.fail("a row of a -c table whose fields do not match its header");
        }
        if ("total".equals(count.syscall())) {
            columns = null;
            return true;
        }
        line.kind = Line.Kind.COUNT;
        line.count = count;
        return true;
    }

    private static boolean isRule(String text) {
        return text.startsWith("---") && text.chars().allMatch(c -> c == '-' || c == ' ');
    }

    /** Cheap first test, since every line of a trace is asked: headers start with a column's name, or spaces. */
    private static boolean mayBeHeader(String text) {
        if (text.startsWith(" ")) {
            return !text.startsWith(" > ") && !text.startsWith(" | ") && !text.startsWith(" * ");
        }
        for (Column column : Column.values()) {
            if (text.startsWith(column.header)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fields in the header's order; strace leaves errors blank when there were none, so a
     * row may lack that one field.
     */
    private Count row(String[] fields) {
        List<String> values = new ArrayList<>(List.of(fields));
        int errors = columns.indexOf(Column.ERRORS);
        if (values.size() == columns.size() - 1 && errors >= 0) {
            values.add(errors, "0");
        }
        if (values.size() != columns.size()) {
            return null;
        }
        try {
            return new Count(personality, text(values, Column.NAME), integer(values, Column.CALLS),
                    integer(values, Column.ERRORS), seconds(values, Column.TOTAL_TIME), micros(values, Column.AVG_TIME),
                    seconds(values, Column.MIN_TIME), seconds(values, Column.MAX_TIME), percent(values));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String text(List<String> values, Column column) {
        int at = columns.indexOf(column);
        return at < 0 ? null : values.get(at);
    }

    private Long integer(List<String> values, Column column) {
        String value = text(values, column);
        return value == null ? null : Long.parseLong(value);
    }

    private Long micros(List<String> values, Column column) {
        Long value = integer(values, column);
        return value == null ? null : value * 1000;
    }

    private Long seconds(List<String> values, Column column) {
        String value = text(values, column);
        if (value == null) {
            return null;
        }
        long nanos = Durations.parse(value, 0, value.length());
        if (nanos < 0) {
            throw new NumberFormatException(value);
        }
        return nanos;
    }

    private Double percent(List<String> values) {
        String value = text(values, Column.TIME_PERCENT);
        return value == null ? null : Double.parseDouble(value);
    }

    /** The columns a header line names, in order; null when it is not a header. */
    private static List<Column> header(String text) {
        List<Column> found = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            Column next = null;
            for (Column column : Column.values()) {
                if (rest.startsWith(column.header) && (rest.length() == column.header.length()
                        || rest.charAt(column.header.length()) == ' ')) {
                    next = column;
                    break;
                }
            }
            if (next == null || found.contains(next)) {
                return null;
            }
            found.add(next);
            rest = rest.substring(next.header.length()).stripLeading();
        }
        return found.isEmpty() ? null : found;
    }
}
