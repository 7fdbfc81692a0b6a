package dev.tracekit.stracetext;

/**
 * On stderr, strace's own {@code strace: Process N attached} can land in the middle of a call's
 * line, whose end ({@code  <unfinished ...>}) then comes on the next line. Puts such a line back
 * together, and hands the note over on its own.
 */
final class TornLines {
    private static final String NOTE = "strace: Process ";
    private String head;

    /** The note torn into {@code text}, whose start is kept for the next line; else null. */
    String note(String text) {
        int at = text.indexOf(NOTE);
        if (at <= 0 || text.startsWith(NOTE, 0) || text.charAt(at - 1) == '"') {
            return null;
        }
        head = text.substring(0, at);
        return text.substring(at);
    }

    /** {@code text}, after the start of a torn line if one is waiting and this is its end (other threads' lines may come between). */
    String whole(String text) {
        if (head == null || !isRest(text)) {
            return text;
        }
        String joined = head + text;
        head = null;
        return joined;
    }

    /**
     * {@code  <unfinished ...>}, or the rest of the arguments ({@code , child_tidptr=0x7f) = 42},
     * {@code  => {parent_tid=[42]}, 88) = 42}), rather than a line of its own, which starts with
     * a prefix, a timestamp or a name (or -r's spaces and digits).
     */
    private static boolean isRest(String text) {
        if (text.isEmpty() || text.startsWith("[pid ")) {
            return false;
        }
        char first = text.charAt(0);
        char second = text.length() > 1 ? text.charAt(1) : ' ';
        return ",)=<\"[{".indexOf(first) >= 0 || first == ' ' && "<=,)".indexOf(second) >= 0;
    }
}
