package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a log chunk by chunk. {@link #next} returns events in the order they were written and
 * null at the end; {@link #status} then says whether the log was whole or cut short. A corrupt
 * chunk, a file that is no log, or another major version throws {@link InvalidTraceException};
 * events of the chunks before it have been returned already. Memory is bounded by one chunk.
 */
public final class TraceReader implements Closeable {
    private final InputStream in;
    private final TraceHeader header;
    private final int minorVersion;
    private final ChunkDecoder decoder = new ChunkDecoder();
    private final StreamSources streams = new StreamSources();
    private final ArrayDeque<TraceEvent> pending = new ArrayDeque<>();
    private final CRC32C crc = new CRC32C();
    private final byte[] chunkHeader = new byte[LogFormat.CHUNK_HEADER_SIZE];
    private byte[] stored = new byte[1 << 16];
    private long position;
    private long eventsRead;
    private ReadStatus status;

    private TraceReader(InputStream in) throws IOException {
        this.in = in;
        byte[] preamble = new byte[LogFormat.FILE_PREAMBLE_SIZE];
        int got = readFully(preamble, 0, preamble.length);
        if (got < LogFormat.FILE_MAGIC.length || !Arrays.equals(preamble, 0, LogFormat.FILE_MAGIC.length,
                LogFormat.FILE_MAGIC, 0, LogFormat.FILE_MAGIC.length)) {
            throw new InvalidTraceException(0, got == 0 ? "empty file: not a tracekit log"
                    : "not a tracekit log: no TRACEKIT magic at offset 0");
        }
        if (got < preamble.length) {
            throw truncatedHeader(got, preamble.length);
        }
        int major = u16(preamble, 8);
        minorVersion = u16(preamble, 10);
        if (major != LogFormat.MAJOR_VERSION) {
            throw new InvalidTraceException(8, "log format version " + major + "." + minorVersion
                    + (major > LogFormat.MAJOR_VERSION ? " is newer than" : " is not")
                    + " the version this tracekit reads (" + LogFormat.MAJOR_VERSION + "." + LogFormat.MINOR_VERSION
                    + ")" + (major > LogFormat.MAJOR_VERSION ? "; upgrade tracekit to read it" : ""));
        }
        int headerLength = s32(preamble, 12);
        if (headerLength < 0 || headerLength > LogFormat.MAX_HEADER_SIZE) {
            throw new InvalidTraceException(12, "corrupt header at offset 12: length " + Integer.toUnsignedString(headerLength)
                    + " exceeds the " + LogFormat.MAX_HEADER_SIZE + "-byte limit");
        }
        byte[] headerBody = readGrowing(new byte[0], headerLength);
        if (headerBody == null) {
            throw truncatedHeader(position, preamble.length + headerLength);
        }
        crc.reset();
        crc.update(preamble, 0, 16);
        crc.update(headerBody, 0, headerLength);
        if ((int) crc.getValue() != s32(preamble, 16)) {
            throw new InvalidTraceException(0, "corrupt header at offset 0: checksum mismatch");
        }
        try {
            header = HeaderCodec.decode(new ByteSource("the header", headerBody, 0, headerLength));
        } catch (MalformedException e) {
            throw new InvalidTraceException(LogFormat.FILE_PREAMBLE_SIZE + e.position(), "corrupt header at offset "
                    + (LogFormat.FILE_PREAMBLE_SIZE + e.position()) + ": " + e.getMessage());
        }
    }

    public static TraceReader open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            return new TraceReader(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static TraceReader from(InputStream in) throws IOException {
        return new TraceReader(in);
    }

    public TraceHeader header() {
        return header;
    }

    /** The minor version of the writer; this reader skips what newer minors added. */
    public int minorVersion() {
        return minorVersion;
    }

    /** Bytes consumed so far, for progress reports. */
    public long position() {
        return position;
    }

    /** The next event, or null when the log ends (then {@link #status} tells how). */
    public TraceEvent next() throws IOException {
        while (pending.isEmpty()) {
            if (status != null || !readChunk()) {
                return null;
            }
        }
        return pending.poll();
    }

    /** How the read ended; null until {@link #next} has returned null. */
    public ReadStatus status() {
        return status;
    }

    @Override
    public void close() throws IOException {
        streams.close();
        in.close();
    }

    /** Reads one chunk into {@link #pending}; false when the log ended. */
    private boolean readChunk() throws IOException {
        long chunkOffset = position;
        int got = readFully(chunkHeader, 0, chunkHeader.length);
        if (got < chunkHeader.length) {
            status = ReadStatus.truncated(eventsRead, chunkOffset, got);
            return false;
        }
        if (!Arrays.equals(chunkHeader, 0, 4, LogFormat.CHUNK_MAGIC, 0, 4)) {
            throw InvalidTraceException.corruptChunk(chunkOffset, "no chunk magic (TKCH)");
        }
        int compression = chunkHeader[4];
        if (chunkHeader[5] != 0 || chunkHeader[6] != 0 || chunkHeader[7] != 0) {
            throw InvalidTraceException.corruptChunk(chunkOffset, "reserved header bytes are set: a feature this tracekit lacks");
        }
        int storedLength = checkedLength(chunkOffset, s32(chunkHeader, 8), "stored");
        int bodyLength = checkedLength(chunkOffset, s32(chunkHeader, 12), "body");
        int declaredEvents = s32(chunkHeader, 16);
        byte[] grown = readGrowing(stored, storedLength);
        if (grown == null) {
            status = ReadStatus.truncated(eventsRead, chunkOffset, position - chunkOffset);
            return false;
        }
        stored = grown;
        crc.reset();
        crc.update(chunkHeader, 0, 20);
        crc.update(stored, 0, storedLength);
        if ((int) crc.getValue() != s32(chunkHeader, 20)) {
            throw InvalidTraceException.corruptChunk(chunkOffset, String.format(
                    "checksum mismatch (stored 0x%08x, computed 0x%08x)", s32(chunkHeader, 20), (int) crc.getValue()));
        }
        if (compression != LogFormat.COMPRESSION_NONE && compression != LogFormat.COMPRESSION_DEFLATE) {
            throw InvalidTraceException.corruptChunk(chunkOffset, "unknown compression " + (compression & 0xff));
        }
        ChunkDecoder.Result result;
        try {
            streams.open(compression, stored, storedLength, bodyLength);
            result = decoder.decode(streams, pending::add);
        } catch (MalformedException e) {
            pending.clear();
            throw InvalidTraceException.corruptChunk(chunkOffset, e.getMessage() + " (at byte " + e.position() + " of " + e.where() + ")");
        }
        if (result.events() != declaredEvents) {
            pending.clear();
            throw InvalidTraceException.corruptChunk(chunkOffset, "header counts " + Integer.toUnsignedString(declaredEvents)
                    + " events, body holds " + result.events());
        }
        eventsRead += result.events();
        if (result.hasEnd()) {
            finishAtEndRecord(chunkOffset, result.endTotal());
        }
        return true;
    }

    private void finishAtEndRecord(long chunkOffset, long endTotal) throws IOException {
        if (endTotal != eventsRead) {
            pending.clear();
            throw InvalidTraceException.corruptChunk(chunkOffset, "the end record counts " + endTotal
                    + " events in the log, " + eventsRead + " were read: a chunk is missing");
        }
        if (in.read() != -1) {
            pending.clear();
            throw new InvalidTraceException(position, "unexpected bytes after the end record, at offset " + position);
        }
        status = ReadStatus.complete(eventsRead);
    }

    private static int checkedLength(long chunkOffset, int length, String what) throws InvalidTraceException {
        if (length < 0 || length > LogFormat.MAX_CHUNK_SIZE) {
            throw InvalidTraceException.corruptChunk(chunkOffset, what + " length " + Integer.toUnsignedString(length)
                    + " exceeds the " + LogFormat.MAX_CHUNK_SIZE + "-byte limit");
        }
        return length;
    }

    private InvalidTraceException truncatedHeader(long have, long need) {
        return new InvalidTraceException(have, "truncated inside the file header: " + have + " of " + need + " bytes");
    }

    /**
     * Reads exactly {@code length} bytes into {@code buffer}, growing it only as bytes arrive, so a
     * forged length in a short file cannot make us allocate it. Returns null at a premature end.
     */
    private byte[] readGrowing(byte[] buffer, int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            int step = Math.min(length - filled, 1 << 20);
            if (buffer.length < filled + step) {
                buffer = Arrays.copyOf(buffer, Math.max(filled + step, Math.min(length, buffer.length * 2)));
            }
            int got = readFully(buffer, filled, step);
            filled += got;
            if (got < step) {
                return null;
            }
        }
        return buffer;
    }

    private int readFully(byte[] target, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(target, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        return total;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int s32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
