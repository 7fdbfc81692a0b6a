package dev.tracekit.stracetext;

/**
 * One frame of a -k stack: {@code  > /lib/x86_64-linux-gnu/libc.so.6(__read+0x12) [0x10e1d2]},
 * or without a symbol {@code  > /usr/bin/app() [0x1234]}; the bracketed number is the offset in
 * the file (strace does not print the address).
 */
final class Frames {
    private Frames() {
    }

    static boolean parse(String text, Line line) {
        int bracket = text.lastIndexOf(" [0x");
        if (bracket < 0 || !text.endsWith("]")) {
            return line.fail("stack frame without its [0xoffset]");
        }
        line.kind = Line.Kind.FRAME;
        line.address = hex(text, bracket + 4, text.length() - 1);
        String location = text.substring(3, bracket);
        line.symbol = null;
        line.symbolOffset = null;
        int open = location.endsWith(")") ? location.lastIndexOf('(') : -1;
        if (open < 0) {
            line.module = location;
            return true;
        }
        line.module = location.substring(0, open);
        String symbol = location.substring(open + 1, location.length() - 1);
        int plus = symbol.lastIndexOf("+0x");
        if (plus >= 0) {
            line.symbolOffset = hex(symbol, plus + 3, symbol.length());
            symbol = symbol.substring(0, plus);
        }
        line.symbol = symbol.isEmpty() ? null : symbol;
        return true;
    }

    private static Long hex(String text, int from, int to) {
        if (to <= from || to - from > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(text, from, to, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
