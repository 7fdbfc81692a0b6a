package dev.tracekit.stracetext;

/**
 * On stderr, strace's own {@code strace: Process N attached} can land in the middle of a call's
 * line, whose end ({@code  <unfinished ...>}) then comes on the next line. Puts such a line back
 * together, and hands the note over on its own.
 */
final class TornLines {
    private static final String NOTE = "strace: Process ";
    private String head;

    /**
     * The note torn into {@code text}, whose start is kept for the next line; else null. The note
     * runs to the end of the line and holds no quote: inside a quoted string (a write of such
     * text) it would be followed by the string's closing quote. It may follow one: strace tears
     * the line anywhere, also right after a path's closing quote.
     */
    String note(String text) {
        // nearly no line holds a note: indexOf, vectorized, rules them out faster than lastIndexOf
        if (text.indexOf(NOTE) < 0) {
            return null;
        }
        int at = text.lastIndexOf(NOTE);
        if (at <= 0 || text.indexOf('"', at) >= 0 || !isNote(text, at + NOTE.length())) {
            return null;
        }
        head = text.substring(0, at);
        return text.substring(at);
    }

    /** {@code N attached} or {@code N detached}, and whatever strace adds after it. */
    private static boolean isNote(String text, int from) {
        int digits = from;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        return digits > from && (text.startsWith(" attached", digits) || text.startsWith(" detached", digits));
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
     * {@code NULL, 8) = 0}, {@code  => {parent_tid=[42]}, 88) = 42}), rather than a line of its
     * own: those start with a prefix, a timestamp, a pid, -r's padded delta, {@code ---},
     * {@code +++} or a call's name and its parenthesis.
     */
    private static boolean isRest(String text) {
        if (text.isEmpty() || text.startsWith("[pid ") || text.startsWith("---") || text.startsWith("+++")
                || text.startsWith("strace: ")) {
            return false;
        }
        int at = 0;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        int end = at;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.' || text.charAt(end) == ':')) {
            end++;
        }
        if (end > at && end < text.length() && text.charAt(end) == ' ') {
            return false; // a pid, a timestamp or -r's delta, then the line
        }
        if (at > 0) {
            return true;
        }
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end == 0 || end == text.length() || text.charAt(end) != '(';
    }
}
