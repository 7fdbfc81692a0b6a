package dev.tracekit.db;

/**
 * The SQL macro {@code args_list(args)}: a call's arguments text split into a list at its
 * top-level commas, as printed ({@code ['AT_FDCWD', '"/etc/passwd"', 'O_RDONLY']}). Commas
 * inside quoted strings, comments, fd decorations ({@code 3</a,b>}) and brackets, braces and
 * parentheses nested up to {@link #DEPTH} levels do not split. A macro rather than a stored
 * column: the import stores the text once, and only queries that ask pay for the list.
 */
final class ArgsListMacro {
    private static final int DEPTH = 5;
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"(?:\\.\\.\\.)?";
    private static final String COMMENT = "/\\*.*?\\*/";
    /** {@code <path>}, {@code <TCP:[a->b]>}, -yy's {@code </dev/null<char 1:3>>}. */
    private static final String DECORATION = "<(?:->|[^<>]|<[^<>]*>)*>";
    private static final String PLAIN_INSIDE = "[^\"()\\[\\]{}<]";
    private static final String PLAIN_TOP = "[^,\"()\\[\\]{}<]";

    private ArgsListMacro() {
    }

    static String sql() {
        String group = "[(\\[{](?:" + QUOTED + "|" + COMMENT + "|" + DECORATION + "|" + PLAIN_INSIDE + ")*[)\\]}]";
        for (int level = 1; level < DEPTH; level++) {
            group = "[(\\[{](?:" + QUOTED + "|" + COMMENT + "|" + DECORATION + "|" + group + "|" + PLAIN_INSIDE + ")*[)\\]}]";
        }
        String argument = "(?:" + QUOTED + "|" + COMMENT + "|" + DECORATION + "|" + group + "|" + PLAIN_TOP + ")+";
        return "CREATE OR REPLACE MACRO args_list(args) AS "
                + "list_filter(list_transform(regexp_extract_all(args, '" + argument + "'), a -> trim(a)), a -> a <> '')";
    }
}
