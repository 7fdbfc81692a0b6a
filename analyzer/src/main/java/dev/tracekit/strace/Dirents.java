package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

/**
 * Counts the directory entries getdents and getdents64 returned, as strace's abbreviated
 * {@code /* 5 entries *}{@code /}. The recorder keeps only the first -s bytes of the buffer: the
 * entries wholly inside them are counted and the rest shows as strace shows an unreadable tail,
 * {@code /* 1+ entries *}{@code /}.
 */
final class Dirents {
    /** d_name's offset: where an entry's fixed part ends. */
    private static final int HEADER64 = 19;
    private static final int HEADER = 18;
    private static final int RECLEN_OFFSET = 16;

    private Dirents() {
    }

    static void countComment(ArgPrinter out, Capture buffer, boolean is64, long length) {
        int header = is64 ? HEADER64 : HEADER;
        Bytes bytes = buffer == null ? null : new Bytes(buffer.bytes());
        long left = length;
        long at = 0;
        int count = 0;
        while (left >= header) {
            if (bytes == null || !bytes.has((int) at, header)) {
                break;
            }
            count++;
            int reclen = bytes.u16((int) at + RECLEN_OFFSET);
            if (reclen > left) {
                reclen = (int) left;
            } else if (reclen < header) {
                reclen = header;
            }
            left -= reclen;
            at += reclen;
        }
        out.comment(count + (left > 0 ? "+" : "") + " entries");
    }
}
