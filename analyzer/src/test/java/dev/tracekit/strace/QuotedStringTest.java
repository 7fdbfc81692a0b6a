package dev.tracekit.strace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** strace's quoting of bytes, checked against what strace 6.1 printed for the same bytes. */
class QuotedStringTest {
    private static String quote(String text, HexStrings hex) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        QuotedString.append(out, bytes, bytes.length, hex);
        return out.toString();
    }

    @Test
    void cEscapesAndShortOctal() {
        assertEquals("\"a\\tb\\nc\\vd\\fe\\rf\\\"g\\\\h\"", quote("a\tb\nc\u000bd\fe\rf\"g\\h", HexStrings.NONE));
        assertEquals("\"\\177ELF\\2\\1\\1\\3\\0\\0\"", quote("\177ELF\2\1\1\3\0\0", HexStrings.NONE));
        assertEquals("\"\\351t\\351\"", quote("\u00e9t\u00e9", HexStrings.NONE));
    }

    @Test
    void threeDigitsBeforeAnOctalDigit() {
        assertEquals("\"\\0\\0\\000123\"", quote("\0\0\0" + "123", HexStrings.NONE));
        assertEquals("\"\\08\\09\"", quote("\0" + "8\0" + "9", HexStrings.NONE));
        assertEquals("\"\\0a\"", quote("\0a", HexStrings.NONE));
    }

    @Test
    void hexWholeStringOnlyWhenSomethingIsNotPrintable() {
        assertEquals("\"exiting\\n\"", quote("exiting\n", HexStrings.NON_ASCII));
        assertEquals("\"\\x7f\\x45\\x4c\\x46\"", quote("\177ELF", HexStrings.NON_ASCII));
        assertEquals("\"\\x65\\x0a\"", quote("e\n", HexStrings.ALL));
    }
}
