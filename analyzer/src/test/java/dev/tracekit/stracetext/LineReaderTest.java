package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines from blocks of bytes end where BufferedReader's do, whatever the blocks' edges. */
class LineReaderTest {
    @Test
    void linesEndAtNewlineCarriageReturnOrBoth() throws IOException {
        assertEquals(List.of("a", "b", "c", "", "d"), lines("a\nb\r\nc\r\rd".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("a", ""), lines("a\n\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(), lines(new byte[0]));
    }

    @Test
    void aLineLongerThanABlockIsWhole() throws IOException {
        String longLine = "x".repeat(3 << 20);
        assertEquals(List.of("first", longLine, "last"), lines(("first\n" + longLine + "\r\nlast").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void textThatIsNotUtf8BecomesReplacementCharacters() throws IOException {
        byte[] bytes = {'o', 'k', ' ', (byte) 0xc3, (byte) 0xa9, '\n', 'b', 'a', 'd', ' ', (byte) 0xff, '\n'};
        assertEquals(List.of("ok \u00e9", "bad \ufffd"), lines(bytes));
    }

    @Test
    void consumedCountsTheLinesAndTheirEnds() throws IOException {
        try (LineReader reader = new LineReader(new ByteArrayInputStream("ab\r\ncd\n".getBytes(StandardCharsets.US_ASCII)))) {
            reader.next();
            assertEquals(3, reader.consumed());
            reader.next();
            assertEquals(7, reader.consumed());
        }
    }

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes))) {
            String line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
