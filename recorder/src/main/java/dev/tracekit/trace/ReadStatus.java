package dev.tracekit.trace;

/**
 * How a read ended. A log that was cut short (the recorder killed, the disk full) is not an
 * error: every event of its whole chunks is read, and this says what was lost.
 *
 * @param unreadableOffset where the unreadable tail starts (the end of the last whole chunk)
 * @param unreadableBytes  bytes from there to the end of the file
 */
public record ReadStatus(boolean complete, long eventsRead, long unreadableOffset, long unreadableBytes) {

    public static ReadStatus complete(long eventsRead) {
        return new ReadStatus(true, eventsRead, 0, 0);
    }

    public static ReadStatus truncated(long eventsRead, long unreadableOffset, long unreadableBytes) {
        return new ReadStatus(false, eventsRead, unreadableOffset, unreadableBytes);
    }

    public String message() {
        if (complete) {
            return "complete: " + eventsRead + " events";
        }
        String message = "truncated: " + eventsRead + " events read, " + unreadableBytes
                + " bytes after offset " + unreadableOffset + " unreadable";
        return unreadableBytes == 0 ? message + " (no end record: the recorder did not close the log)" : message;
    }
}
