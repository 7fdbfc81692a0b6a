package dev.tracekit.stracetext;

import dev.tracekit.db.FdCall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A call of strace text as {@code FdTracker} reads it: the numbers, strings and pairs taken from
 * the arguments as printed, and -y's {@code 3</etc/passwd>} from the result. One instance, pointed
 * at each call in turn; the arguments are split only for the calls the tracker looks into.
 */
final class StraceFdCall implements FdCall {
    private static final int MAX_ERRNO = 4095;
    /**
     * The constants whose values FdTracker reads. Any other name becomes {@link #UNKNOWN_NAME}:
     * a bit none of the flags it tests has, and that no fcntl command it looks for equals.
     */
    private static final Map<String, Long> NAMES = Map.of(
            "AT_FDCWD", -100L, "O_CLOEXEC", 0x80000L, "SOCK_CLOEXEC", 0x80000L, "FD_CLOEXEC", 1L,
            "CLOSE_RANGE_CLOEXEC", 4L, "F_DUPFD", 0L, "F_SETFD", 2L, "F_DUPFD_CLOEXEC", 1030L);
    private static final long UNKNOWN_NAME = 0x4000_0000L;

    private String name;
    private String args;
    private long ret;
    private String result;
    private List<String> parts;

    StraceFdCall of(String name, String args, long ret, String result) {
        this.name = name;
        this.args = args;
        this.ret = ret;
        this.result = result;
        this.parts = null;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean failed() {
        return ret < 0 && ret >= -MAX_ERRNO;
    }

    @Override
    public long result() {
        return ret;
    }

    @Override
    public long arg(int index) {
        String text = part(index);
        return text == null ? UNKNOWN_NAME : value(text);
    }

    @Override
    public String path(int index) {
        String text = part(index);
        return text == null || !text.startsWith("\"") ? null : unquote(text);
    }

    /** {@code [3, 4]}, or with -y {@code [3<pipe:[1234]>, 4<pipe:[1234]>]}. */
    @Override
    public int[] pair(int index) {
        String text = part(index);
        if (text == null || !text.startsWith("[") || !text.endsWith("]")) {
            return null;
        }
        List<String> two = ArgsText.split(text.substring(1, text.length() - 1));
        return two.size() == 2 ? new int[] {(int) value(two.get(0)), (int) value(two.get(1))} : null;
    }

    @Override
    public String resultPath() {
        return result == null ? null : decoration(result);
    }

    List<String> arguments() {
        if (parts == null) {
            parts = ArgsText.split(args);
        }
        return parts;
    }

    /** -y's {@code 3</etc/passwd>}, -yy's {@code 3</dev/null<char 1:3>>}: the path, without -yy's details; else null. */
    static String decoration(String text) {
        if (text.isEmpty() || !Clock.isDigit(text.charAt(0)) || !text.endsWith(">")) {
            return null;
        }
        int open = text.indexOf('<');
        if (open < 0) {
            return null;
        }
        int details = text.indexOf('<', open + 1);
        return text.substring(open + 1, details > 0 ? details : text.length() - 1);
    }

    private String part(int index) {
        List<String> all = arguments();
        return index < all.size() ? all.get(index) : null;
    }

    /**
     * An argument as a number: {@code 3}, -y's {@code 3</etc/passwd>}, {@code 0x80000},
     * {@code ~0U}, a name, or names joined by {@code |} ({@code O_RDONLY|O_CLOEXEC}), which are
     * or'd; -X verbose's {@code 0x80000 /* O_CLOEXEC *}{@code /} is read by its number.
     */
    static long value(String text) {
        int comment = text.indexOf(" /*");
        String plain = comment >= 0 ? text.substring(0, comment) : text;
        long value = 0;
        int start = 0;
        while (start <= plain.length()) {
            int bar = plain.indexOf('|', start);
            int end = bar < 0 ? plain.length() : bar;
            value |= single(plain.substring(start, end).trim());
            start = end + 1;
        }
        return value;
    }

    private static long single(String text) {
        if (text.startsWith("~")) {
            return ~single(text.substring(1)) & (text.endsWith("U") ? 0xffffffffL : -1L);
        }
        Long named = NAMES.get(text);
        if (named != null) {
            return named;
        }
        boolean negative = text.startsWith("-");
        int at = negative ? 1 : 0;
        int radix = 10;
        if (text.startsWith("0x", at)) {
            radix = 16;
            at += 2;
        }
        int end = at;
        while (end < text.length() && Character.digit(text.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == at || end - at > 16) {
            return UNKNOWN_NAME;
        }
        long number = Long.parseUnsignedLong(text, at, end, radix);
        return negative ? -number : number;
    }

    /**
     * A quoted string as strace escapes it ({@code \n}, {@code \"}, octal {@code \33}, -x's
     * {@code \x1b}), its bytes read as UTF-8, which is what the kernel was given.
     */
    static String unquote(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 1; i < text.length() && text.charAt(i) != '"'; i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = text.charAt(++i);
            int radix = e == 'x' ? 16 : e >= '0' && e <= '7' ? 8 : 0;
            if (radix == 0) {
                bytes.write(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'v' -> 0x0b;
                    case 'f' -> '\f';
                    default -> e;
                });
                continue;
            }
            int from = radix == 16 ? i + 1 : i;
            int end = from;
            while (end < text.length() && end < from + (radix == 16 ? 2 : 3) && Character.digit(text.charAt(end), radix) >= 0) {
                end++;
            }
            bytes.write(end == from ? e : Integer.parseInt(text, from, end, radix));
            i = end == from ? i : end - 1;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
