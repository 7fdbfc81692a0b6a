package dev.tracekit.stracetext;

/**
 * Takes one line of strace text apart, in whichever of strace's output modes it was written:
 * an optional pid prefix ({@code PID }, {@code PID<comm> }, {@code [pid N]}, {@code [pid N<comm>]}), an optional
 * timestamp, -n's syscall number and -i's instruction pointer, then a call, a signal, an exit,
 * a -k stack frame, a -e read=/write= hexdump, a -c summary table or one of strace's own notes.
 * Keeps the state that spans lines: the timestamp style, and the -c table open.
 */
final class LineParser {
    /** Pids fit in 22 bits (PID_MAX_LIMIT); a longer run of digits is -ttt's seconds with precision:s. */
    private static final int MAX_PID_DIGITS = 7;

    private final Clock clock;
    private final CountTable counts = new CountTable();

    LineParser(Clock clock) {
        this.clock = clock;
    }

    /** Fills {@code line} from {@code text}; false, with {@link Line#error} set, when it is not understood. */
    boolean parse(String text, Line line) {
        line.reset();
        if (text.isBlank()) {
            line.kind = Line.Kind.OTHER;
            return true;
        }
        if (counts.owns(text)) {
            return counts.read(text, line);
        }
        if (text.startsWith(" > ")) {
            return Frames.parse(text, line);
        }
        if (text.startsWith(" | ") || text.startsWith(" * ")) {
            // a -e read=/write= hexdump line, or the header of one buffer of a msghdr's
            line.kind = Line.Kind.OTHER;
            return true;
        }
        int at = prefix(text, line);
        if (at < 0) {
            return line.fail("malformed [pid N] prefix");
        }
        int afterTime = clock.read(text, at);
        if (afterTime < 0) {
            return line.fail("timestamp not understood or in another style than the first");
        }
        if (afterTime > at) {
            line.timed = true;
            line.time = clock.nanos;
        }
        at = bracketed(text, skipSpaces(text, afterTime), line);
        if (at < 0) {
            return line.fail("malformed [number] or [address] field");
        }
        return body(text, at, line);
    }

    /** Where the prefix ends, -1 when it is malformed. */
    private static int prefix(String text, Line line) {
        if (text.startsWith("[pid ")) {
            int i = skipSpaces(text, 5);
            int digits = i;
            int tid = 0;
            while (i < text.length() && Clock.isDigit(text.charAt(i)) && i - digits < MAX_PID_DIGITS) {
                tid = tid * 10 + (text.charAt(i++) - '0');
            }
            if (i == digits || i >= text.length()) {
                return -1;
            }
            if (text.charAt(i) == '<') {
                int close = text.indexOf(">] ", i);
                if (close < 0) {
                    return -1;
                }
                line.comm = text.substring(i + 1, close);
                i = close + 1;
            }
            if (!text.startsWith("] ", i)) {
                return -1;
            }
            line.tid = tid;
            return i + 2;
        }
        int i = 0;
        int tid = 0;
        while (i < text.length() && Clock.isDigit(text.charAt(i)) && i <= MAX_PID_DIGITS) {
            tid = tid * 10 + (text.charAt(i++) - '0');
        }
        if (i == 0 || i > MAX_PID_DIGITS || i >= text.length()) {
            return 0;
        }
        if (text.charAt(i) == '<') {
            // -Y with -o: "PID<comm> "
            int close = text.indexOf("> ", i);
            if (close < 0) {
                return -1;
            }
            line.comm = text.substring(i + 1, close);
            i = close + 1;
        }
        if (text.charAt(i) == ' ') {
            line.tid = tid;
            return skipSpaces(text, i);
        }
        return 0;
    }

    /** -n's {@code [ 59] } and -i's {@code [00007f1c2a3b4c5d] }, in either order. */
    private static int bracketed(String text, int at, Line line) {
        int i = at;
        while (i < text.length() && text.charAt(i) == '[') {
            int close = text.indexOf(']', i);
            if (close < 0) {
                return -1;
            }
            String inside = text.substring(i + 1, close).strip();
            if (inside.length() <= 4 && !inside.isEmpty() && inside.chars().allMatch(c -> c >= '0' && c <= '9')) {
                line.number = Integer.parseInt(inside);
            } else if (!isAddress(inside)) {
                return i == at ? i : -1;
            }
            i = skipSpaces(text, close + 1);
        }
        return i;
    }

    private static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > 16) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '?' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean body(String text, int at, Line line) {
        if (at >= text.length()) {
            return line.fail("nothing after the prefix");
        }
        if (text.startsWith("<... ", at)) {
            return resumed(text, at + 5, line);
        }
        if (text.startsWith("--- ", at)) {
            return Events.signal(text, at + 4, line);
        }
        if (text.startsWith("+++ ", at)) {
            return Events.exit(text, at + 4, line);
        }
        if (text.startsWith("strace: ", at)) {
            return Events.note(text, at + 8, line);
        }
        char first = text.charAt(at);
        if (first == ')' || first == '"' || first == ',' || first == '[' || first == '{') {
            // -z and -Z (strace 6.1) print the rest of an unfinished call bare, with no prefix or resumed marker
            line.kind = Line.Kind.CONTINUATION;
            line.args = text.substring(at);
            return true;
        }
        if (CallParser.parse(text, at, line)) {
            return true;
        }
        if (line.tid == Line.NONE && !line.timed && line.name == null) {
            line.error = null;
            line.kind = Line.Kind.CONTINUATION;
            line.args = text.substring(at);
            return true;
        }
        return false;
    }

    /** {@code <... read resumed>rest}; older strace wrote a space after the {@code >}. */
    private static boolean resumed(String text, int at, Line line) {
        int end = CallParser.nameEnd(text, at);
        if (end == at || !text.startsWith(" resumed>", end)) {
            return line.fail("malformed '<... NAME resumed>'");
        }
        line.kind = Line.Kind.RESUMED;
        line.name = text.substring(at, end);
        int rest = end + 9;
        line.args = text.substring(rest);
        return true;
    }

    static int skipSpaces(String text, int at) {
        int i = at;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
