package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClosingQuoteTest {
    @Test
    void skipsEscapedQuotesOnly() {
        assertEquals(3, ClosingQuote.after("abc\", 3", 0));
        assertEquals(4, ClosingQuote.after("a\\\"b\"", 0));
        assertEquals(3, ClosingQuote.after("a\\\\\"", 0));
        assertEquals(-1, ClosingQuote.after("a\\\"", 0));
        assertEquals(-1, ClosingQuote.after("abc\\", 0));
        assertEquals(-1, ClosingQuote.after("", 0));
    }

    /** The same answer as reading character by character, a backslash taking the next one with it. */
    @Test
    void agreesWithAScanOfEveryCharacter() {
        Random random = new Random(5);
        for (int round = 0; round < 100_000; round++) {
            char[] text = new char[random.nextInt(12)];
            for (int i = 0; i < text.length; i++) {
                text[i] = "ab\\\"".charAt(random.nextInt(4));
            }
            String string = new String(text);
            int from = random.nextInt(text.length + 1);
            assertEquals(scan(string, from), ClosingQuote.after(string, from), string + " from " + from);
        }
    }

    private static int scan(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }
}
