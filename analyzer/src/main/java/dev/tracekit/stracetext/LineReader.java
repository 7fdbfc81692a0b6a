package dev.tracekit.stracetext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a file, read in big blocks of bytes: a line ends at {@code \n}, {@code \r} or
 * {@code \r\n}, as for {@link java.io.BufferedReader#readLine}. A line of ASCII, what strace
 * writes nearly always, becomes a String by a plain copy; other lines are decoded as UTF-8, bytes
 * that are not becoming U+FFFD rather than stopping the import. Memory holds one block, or the
 * longest line when that is longer.
 */
final class LineReader implements AutoCloseable {
    private static final int BLOCK = 1 << 20;

    private final InputStream in;
    private byte[] buffer = new byte[BLOCK];
    /** The unread bytes are [next, limit). */
    private int next;
    private int limit;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that end. */
    private boolean skipNewline;
    private long consumed;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the file. */
    String next() throws IOException {
        int scanned = next;
        boolean ascii = true;
        while (true) {
            if (skipNewline && next < limit) {
                skipNewline = false;
                if (buffer[next] == '\n') {
                    next++;
                    consumed++;
                    scanned = next;
                }
            }
            byte[] bytes = buffer;
            for (int i = scanned; i < limit; i++) {
                int b = bytes[i];
                if (b <= '\r') {
                    if (b < 0) {
                        ascii = false;
                    } else if (b == '\n' || b == '\r') {
                        skipNewline = b == '\r';
                        return take(i, i + 1, ascii);
                    }
                }
            }
            scanned = limit;
            if (eof) {
                return next < limit ? take(limit, limit, ascii) : null;
            }
            scanned -= next;
            fill();
            scanned += next;
        }
    }

    /** Bytes of the file taken by the lines returned so far, their ends included. */
    long consumed() {
        return consumed;
    }

    private String take(int end, int after, boolean ascii) {
        String line = new String(buffer, next, end - next, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        consumed += after - next;
        next = after;
        return line;
    }

    /** Moves the unread bytes to the front, growing the buffer when they fill it, and reads more after them. */
    private void fill() throws IOException {
        int unread = limit - next;
        if (unread == buffer.length) {
            byte[] bigger = new byte[buffer.length * 2];
            System.arraycopy(buffer, next, bigger, 0, unread);
            buffer = bigger;
        } else if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, unread);
        }
        next = 0;
        limit = unread;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
