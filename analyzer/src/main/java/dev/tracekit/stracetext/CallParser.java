package dev.tracekit.stracetext;

import dev.tracekit.syscalls.Errno;

/**
 * The body of a call line: {@code name(args) = result <duration>}, or its first part ending in
 * {@code <unfinished ...>}. The arguments end at the parenthesis that closes the call, found
 * outside quoted strings and comments with brackets and braces balanced; should that fail (a path
 * printed with an odd parenthesis), the last {@code ) = } of the line ends them.
 */
final class CallParser {
    private static final String UNFINISHED = " <unfinished ...>";
    private static final String DETACHED = " <detached ...>";
    private static final String PID_CHANGED = " <pid changed to ";
    private static final int MAX_ERRNO = 4095;

    private CallParser() {
    }

    /** Parses the call starting at {@code at}, the first letter of its name. */
    static boolean parse(String text, int at, Line line) {
        int open = nameEnd(text, at);
        if (open == at || open >= text.length() || text.charAt(open) != '(') {
            return line.fail("no call, signal or exit here");
        }
        line.name = text.substring(at, open);
        int unfinished = unfinishedMarker(text);
        if (unfinished >= 0) {
            line.kind = Line.Kind.UNFINISHED;
            line.args = text.substring(open + 1, Math.max(open + 1, unfinished));
            return true;
        }
        line.kind = Line.Kind.CALL;
        return argsAndResult(text, open + 1, line);
    }

    /** The arguments from {@code from} (just after the opening parenthesis), then the result. */
    static boolean argsAndResult(String text, int from, Line line) {
        int close = closingParenthesis(text, from);
        int equals = close < 0 ? -1 : resultStart(text, close + 1);
        if (equals < 0) {
            close = lastClose(text, from);
            equals = close < 0 ? -1 : resultStart(text, close + 1);
            if (equals < 0) {
                return line.fail(close < 0 && text.indexOf(')', from) < 0 ? "no closing parenthesis" : "no ' = result'");
            }
        }
        line.args = text.substring(from, close);
        return result(text, equals, line);
    }

    static int nameEnd(String text, int at) {
        int i = at;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 'A' && c <= 'Z';
    }

    /** Where the text strace ends an interrupted line with begins, or -1. */
    private static int unfinishedMarker(String text) {
        if (text.endsWith(UNFINISHED)) {
            return text.length() - UNFINISHED.length();
        }
        if (text.endsWith(DETACHED)) {
            return text.length() - DETACHED.length();
        }
        if (text.endsWith(" ...>")) {
            return text.lastIndexOf(PID_CHANGED);
        }
        return -1;
    }

    /** The index of the parenthesis closing one opened before {@code from}, or -1. */
    static int closingParenthesis(String text, int from) {
        int depth = 1;
        int n = text.length();
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> {
                    i = ClosingQuote.after(text, i + 1);
                    if (i < 0) {
                        return -1;
                    }
                }
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> {
                    if (--depth == 0) {
                        return c == ')' ? i : -1;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && text.charAt(i + 1) == '*') {
                        int end = text.indexOf("*/", i + 2);
                        if (end < 0) {
                            return -1;
                        }
                        i = end + 1;
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /** The last ')' of the line followed by spaces and "= ", for text whose brackets do not balance. */
    private static int lastClose(String text, int from) {
        int equals = text.lastIndexOf(" = ");
        int i = equals;
        while (i > from && text.charAt(i) == ' ') {
            i--;
        }
        return i >= from && text.charAt(i) == ')' ? i : -1;
    }

    /** After the closing parenthesis: spaces, "= ", then the result; its index, or -1. */
    private static int resultStart(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (i + 1 < n && text.charAt(i) == '=' && text.charAt(i + 1) == ' ') {
            return i + 2;
        }
        return i + 1 == n && text.charAt(i) == '=' ? n : -1;
    }

    /** {@code 3}, {@code 0x7f00}, {@code -1 ENOENT (...)}, {@code ?}, {@code 3</etc/passwd>}, then {@code <0.000012>}. */
    private static boolean result(String text, int from, Line line) {
        int end = text.length();
        if (end > from && text.charAt(end - 1) == '>') {
            int lt = text.lastIndexOf(" <", end);
            if (lt >= from) {
                long duration = Durations.parse(text, lt + 2, end - 1);
                if (duration >= 0) {
                    line.duration = duration;
                    end = lt;
                }
            }
        }
        while (end > from && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (end == from) {
            return line.fail("no result after '='");
        }
        String result = text.substring(from, end);
        line.result = result;
        return returnValue(result, line);
    }

    private static boolean returnValue(String result, Line line) {
        char first = result.charAt(0);
        if (first == '?') {
            // "? ERESTARTSYS (To be restarted ...)": the call returned to be restarted
            int errno = errnoAfter(result, 2);
            line.returned = errno > 0;
            line.ret = -errno;
            line.resultDerived = result.length() == 1;
            return true;
        }
        int end;
        long value;
        if (result.startsWith("0x")) {
            end = 2;
            while (end < result.length() && Character.digit(result.charAt(end), 16) >= 0) {
                end++;
            }
            if (end == 2 || end - 2 > 16) {
                return line.fail("return value not understood");
            }
            value = Long.parseUnsignedLong(result, 2, end, 16);
        } else {
            end = first == '-' ? 1 : 0;
            while (end < result.length() && Clock.isDigit(result.charAt(end))) {
                end++;
            }
            if (end == (first == '-' ? 1 : 0) || end > 22) {
                return line.fail("return value not understood");
            }
            // umask and the like return octal, which strace prints with C's leading 0
            boolean octal = first == '0' && end > 1;
            try {
                value = octal ? Long.parseUnsignedLong(result, 1, end, 8) : Long.parseLong(result, 0, end, 10);
            } catch (NumberFormatException e) {
                return line.fail(octal ? "octal return value not understood" : "return value out of range");
            }
            if (value == -1 && end < result.length()) {
                int errno = errnoAfter(result, end + 1);
                if (errno > 0) {
                    line.returned = true;
                    line.ret = -errno;
                    line.resultDerived = result.length() == end + 1 + Errno.describe(errno).length()
                            && result.endsWith(Errno.describe(errno));
                    return true;
                }
            }
            line.resultDerived = !octal && end == result.length() && (value < -MAX_ERRNO || value >= 0);
        }
        line.returned = true;
        line.ret = value;
        return true;
    }

    /** The errno named at {@code at} ({@code ENOENT}, or -X raw's {@code (errno 2)}), else 0. */
    private static int errnoAfter(String result, int at) {
        if (at >= result.length()) {
            return 0;
        }
        if (result.startsWith("(errno ", at)) {
            int end = at + 7;
            while (end < result.length() && Clock.isDigit(result.charAt(end))) {
                end++;
            }
            return end == at + 7 || end - at > 11 ? 0 : Math.min(MAX_ERRNO, Integer.parseInt(result, at + 7, end, 10));
        }
        int end = nameEnd(result, at);
        return end == at || result.charAt(at) != 'E' ? 0 : ErrnoNames.number(result.substring(at, end));
    }
}
