package dev.tracekit.strace;

/**
 * Quotes bytes the way strace does: {@code "..."} with C escapes ({@code \t \n \v \f \r \" \\}),
 * printable ASCII as is and other bytes in octal, as short as possible unless a digit 0-7
 * follows (then three digits, so {@code \0} then {@code 1} reads as {@code \0001}); or in hex
 * with -x / -xx.
 */
final class QuotedString {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private QuotedString() {
    }

    /** Appends {@code bytes[0..size)} quoted. */
    static void append(StringBuilder out, byte[] bytes, int size, HexStrings hex) {
        out.append('"');
        escape(out, bytes, size, hex, "");
        out.append('"');
    }

    /** A path in -y's angle brackets: escaped the same way, without quotes, '<' and '>' in octal. */
    static void appendInAngleBrackets(StringBuilder out, byte[] bytes, HexStrings hex) {
        out.append('<');
        escape(out, bytes, bytes.length, hex, "<>");
        out.append('>');
    }

    private static void escape(StringBuilder out, byte[] bytes, int size, HexStrings hex, String alsoOctal) {
        boolean allHex = hex == HexStrings.ALL || hex == HexStrings.NON_ASCII && needsHex(bytes, size);
        for (int i = 0; i < size; i++) {
            int c = bytes[i] & 0xff;
            if (allHex) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                continue;
            }
            switch (c) {
                case '"', '\\' -> out.append('\\').append((char) c);
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c >= ' ' && c < 0x7f && alsoOctal.indexOf(c) < 0) {
                        out.append((char) c);
                    } else {
                        boolean digitFollows = i + 1 < size && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                        octal(out, c, digitFollows);
                    }
                }
            }
        }
    }

    /** -x hex-quotes a whole string when it has a byte that is not printable and not whitespace. */
    private static boolean needsHex(byte[] bytes, int size) {
        for (int i = 0; i < size; i++) {
            int c = bytes[i] & 0xff;
            if (c > 0x7e || c < ' ' && (c < '\t' || c > '\r')) {
                return true;
            }
        }
        return false;
    }

    private static void octal(StringBuilder out, int c, boolean full) {
        out.append('\\');
        if (full || c > 077) {
            out.append((char) ('0' + (c >> 6)));
        }
        if (full || c > 07) {
            out.append((char) ('0' + ((c >> 3) & 7)));
        }
        out.append((char) ('0' + (c & 7)));
    }

    /** Every byte as \xNN, as strace prints random bytes and binary blobs whatever -x says. */
    static void appendHex(StringBuilder out, byte[] bytes, int size) {
        out.append('"');
        for (int i = 0; i < size; i++) {
            int c = bytes[i] & 0xff;
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
        out.append('"');
    }
}
