package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

/**
 * An array of struct iovec with the data each points to, {@code [{iov_base="...", iov_len=5}]}:
 * at most {@code total} bytes over all buffers (what a read returned), each buffer cut at -s.
 */
final class IovecPrinter {
    private static final int IOVEC_SIZE = 16;

    private IovecPrinter() {
    }

    /**
     * @param total bytes of data shown over all buffers, or -1 for every buffer whole
     * @param data  false to show the buffers' addresses only (a failed read)
     */
    static void print(ArgPrinter out, long address, long count, long total, Capture.Phase phase, boolean data) {
        if (address == 0) {
            out.text("NULL");
            return;
        }
        if (count == 0) {
            out.text("[]");
            return;
        }
        Capture array = out.call().find(phase, address);
        if (array == null || array.bytes().length() < IOVEC_SIZE) {
            out.pointer(address);
            return;
        }
        Bytes iov = new Bytes(array.bytes());
        int captured = iov.length() / IOVEC_SIZE;
        long left = total;
        out.text("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.comma();
            }
            if (i >= out.stringLimit()) {
                out.text("...");
                break;
            }
            if (i >= captured) {
                out.text("...").comment(Numbers.hex(address + (long) i * IOVEC_SIZE));
                break;
            }
            long base = iov.s64(i * IOVEC_SIZE);
            long length = iov.s64(i * IOVEC_SIZE + 8);
            long shown = total < 0 ? length : Long.compareUnsigned(length, left) > 0 ? left : length;
            if (total >= 0) {
                left -= shown;
            }
            out.text("{iov_base=");
            if (!data) {
                out.pointer(base);
            } else if (base != 0 && shown == 0) {
                out.text("\"\"");
            } else {
                out.buffer(base, shown, phase);
            }
            out.text(", iov_len=").unsigned(length).text("}");
        }
        out.text("]");
    }
}
