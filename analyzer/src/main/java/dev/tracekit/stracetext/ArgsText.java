package dev.tracekit.stracetext;

import java.util.ArrayList;
import java.util.List;

/**
 * A call's arguments text split at its top-level commas, as {@code args_list} does in SQL:
 * commas inside quoted strings, comments, fd decorations ({@code 3</a,b>},
 * {@code <TCP:[a->b]>}) and brackets, braces or parentheses do not split.
 */
final class ArgsText {
    private ArgsText() {
    }

    static List<String> split(String args) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < args.length(); ) {
            int end = argumentEnd(args, start);
            parts.add(trimmed(args, start, end));
            start = end + 1;
            if (start == args.length()) {
                parts.add("");
            }
        }
        return parts;
    }

    /** {@code text.substring(from, to).trim()}, copying once. */
    private static String trimmed(String text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    /** Where the argument that begins at {@code start} ends: at its top-level comma, or the end of the text. */
    static int argumentEnd(String args, int start) {
        int depth = 0;
        int angles = 0;
        for (int i = start; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                int close = ClosingQuote.after(args, i + 1);
                i = close < 0 ? args.length() - 1 : close;
            } else if (c == '/' && args.startsWith("/*", i)) {
                int end = args.indexOf("*/", i + 2);
                i = end < 0 ? args.length() : end + 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '<') {
                angles++;
            } else if (c == '>' && angles > 0 && args.charAt(i - 1) != '-') {
                angles--;
            } else if (c == ',' && depth == 0 && angles == 0) {
                return i;
            }
        }
        return args.length();
    }
}
