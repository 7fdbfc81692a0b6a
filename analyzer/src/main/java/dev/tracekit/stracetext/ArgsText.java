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
            parts.add(args.substring(start, end).trim());
            start = end + 1;
            if (start == args.length()) {
                parts.add("");
            }
        }
        return parts;
    }

    /** Where the argument that begins at {@code start} ends: at its top-level comma, or the end of the text. */
    static int argumentEnd(String args, int start) {
        int depth = 0;
        int angles = 0;
        for (int i = start; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                i = stringEnd(args, i);
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

    /** The index of the quote that closes the string opened at {@code from}, or the last index. */
    private static int stringEnd(String text, int from) {
        for (int i = from + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return text.length() - 1;
    }
}
