package dev.tracekit.stracetext;

/**
 * Where a quoted string of strace text ends: at the first quote after its start that no
 * backslash escapes. Found by jumping from quote to quote ({@link String#indexOf(int, int)} is
 * vectorized) rather than by reading every character: a quote is escaped when an odd run of
 * backslashes comes right before it.
 */
final class ClosingQuote {
    private ClosingQuote() {
    }

    /** The index of the quote that closes a string whose first character is at {@code from}, or -1. */
    static int after(String text, int from) {
        int segment = from;
        while (true) {
            int quote = text.indexOf('"', segment);
            if (quote < 0) {
                return -1;
            }
            int backslash = quote;
            while (backslash > segment && text.charAt(backslash - 1) == '\\') {
                backslash--;
            }
            if ((quote - backslash) % 2 == 0) {
                return quote;
            }
            segment = quote + 1;
        }
    }
}
