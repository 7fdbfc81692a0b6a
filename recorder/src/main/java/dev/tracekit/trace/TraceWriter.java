package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Writes a log: the file header at once, then events in self-checking chunks. A chunk is sealed
 * and handed to the operating system when it outgrows {@link Options#chunkSizeLimit}, on
 * {@link #flush} and on {@link #close}; a log created with a flush interval is also sealed by a
 * timer when its oldest event is that old, so a recorder that dies loses at most that much.
 * Thread-safe: the tracer writes while the timer thread seals old chunks.
 */
public final class TraceWriter implements Closeable {
    /** What the recorder uses: no event waits much longer than this to reach the OS. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    /** Room is left for the end record and the stream table, so no chunk outgrows what readers accept. */
    private static final int MAX_BODY_SIZE = LogFormat.MAX_CHUNK_SIZE - 256;

    /**
     * How chunks are encoded; the same for a file and a stream.
     *
     * @param chunkSizeLimit   body bytes (all streams, before compression) at which a chunk is sealed
     * @param compressionLevel a {@link Deflater} level 1-9, or 0 to store chunks uncompressed
     */
    public record Options(int chunkSizeLimit, int compressionLevel) {
        public static final Options DEFAULT = new Options(1 << 20, 1);

        public Options {
            if (chunkSizeLimit < 1024 || chunkSizeLimit > LogFormat.MAX_CHUNK_SIZE / 2) {
                throw new IllegalArgumentException("chunk size limit must be within 1 KiB and 8 MiB");
            }
            if (compressionLevel < 0 || compressionLevel > 9) {
                throw new IllegalArgumentException("compression level must be within 0 and 9");
            }
        }
    }

    private final OutputStream out;
    private final Options options;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final ByteSink chunk = new ByteSink(1 << 16);
    private final Deflater deflater;
    private final CRC32C crc = new CRC32C();
    private final StreamStats streamStats = new StreamStats();
    private final ScheduledExecutorService flusher;
    private final long flushNanos;
    private boolean chunkOpen;
    private long chunkOpenedAt;
    private long eventsWritten;
    private long bytesWritten;
    private long chunksWritten;
    private IOException failure;
    private boolean closed;

    /** @param flushInterval null for no timer */
    private TraceWriter(OutputStream out, TraceHeader header, Options options, Duration flushInterval) throws IOException {
        this.out = out;
        this.options = options;
        this.deflater = options.compressionLevel() > 0 ? new Deflater(options.compressionLevel(), true) : null;
        writeFileHeader(header);
        if (flushInterval != null) {
            flushNanos = flushInterval.toNanos();
            flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tracekit-log-flusher");
                thread.setDaemon(true);
                return thread;
            });
            long tick = Math.max(1, flushNanos / 4);
            flusher.scheduleAtFixedRate(this::flushIfDue, tick, tick, TimeUnit.NANOSECONDS);
        } else {
            flushNanos = 0;
            flusher = null;
        }
    }

    /**
     * Creates (or replaces) the file with mode 0600, as a log holds the traced process's memory; a
     * timer seals a chunk once its oldest event is about {@code flushInterval} old.
     */
    public static TraceWriter create(Path path, TraceHeader header, Options options, Duration flushInterval) throws IOException {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flush interval must be positive, not " + flushInterval);
        }
        return open(path, header, options, flushInterval);
    }

    /**
     * Creates the file like {@link #create}, but without the timer: chunks are sealed only by
     * size, {@link #flush} and {@link #close}, so the same events always give the same bytes.
     */
    public static TraceWriter createReproducible(Path path, TraceHeader header, Options options) throws IOException {
        return open(path, header, options, null);
    }

    /** Writes to a stream, sealing chunks only by size, on {@link #flush} and on {@link #close}. */
    public static TraceWriter to(OutputStream out, TraceHeader header, Options options) throws IOException {
        return new TraceWriter(out, header, options, null);
    }

    private static TraceWriter open(Path path, TraceHeader header, Options options, Duration flushInterval) throws IOException {
        FileChannel channel = FileChannel.open(path,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return new TraceWriter(Channels.newOutputStream(channel), header, options, flushInterval);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public synchronized void write(TraceEvent event) throws IOException {
        checkUsable();
        if (!chunkOpen) {
            openChunk(event.time());
        }
        if (!encoder.tryEncode(event, MAX_BODY_SIZE)) {
            if (encoder.events() > 0) {
                sealChunk();
                openChunk(event.time());
            }
            if (!encoder.tryEncode(event, MAX_BODY_SIZE)) {
                throw new IllegalArgumentException("a " + event.getClass().getSimpleName()
                        + " event too large for one chunk (" + LogFormat.MAX_CHUNK_SIZE + " bytes)");
            }
        }
        eventsWritten++;
        if (encoder.size() >= options.chunkSizeLimit()) {
            sealChunk();
        }
    }

    private void openChunk(long baseTime) {
        encoder.start(baseTime);
        chunkOpen = true;
        chunkOpenedAt = System.nanoTime();
    }

    /** Seals the open chunk, if any, and hands it to the operating system. */
    public synchronized void flush() throws IOException {
        checkUsable();
        if (chunkOpen) {
            sealChunk();
        }
    }

    public synchronized long eventsWritten() {
        return eventsWritten;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Where the bytes written so far went, stream by stream; the open chunk is not counted yet. */
    public synchronized LogStats stats() {
        return new LogStats(eventsWritten, chunksWritten, bytesWritten, streamStats.snapshot());
    }

    /** Writes the end record, which tells readers the log is whole, and closes the file. */
    @Override
    public void close() throws IOException {
        if (flusher != null) {
            // Not shutdownNow: interrupting a flush in progress closes the file under it
            // (ClosedByInterruptException) and the log loses its end. A running flush finishes first.
            flusher.shutdown();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try (out) {
                if (failure != null) {
                    throw failure;
                }
                if (!chunkOpen) {
                    openChunk(0);
                }
                encoder.end(eventsWritten);
                sealChunk();
            } finally {
                if (deflater != null) {
                    deflater.end();
                }
            }
        }
    }

    private synchronized void flushIfDue() {
        if (closed || failure != null || !chunkOpen) {
            return;
        }
        long age = System.nanoTime() - chunkOpenedAt;
        if (age >= flushNanos * 3 / 4) {
            try {
                sealChunk();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void checkUsable() throws IOException {
        if (closed) {
            throw new IOException("log is closed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void writeFileHeader(TraceHeader header) throws IOException {
        ByteSink body = new ByteSink(256);
        HeaderCodec.encode(header, body);
        if (body.size() > LogFormat.MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("log header of " + body.size() + " bytes exceeds the "
                    + LogFormat.MAX_HEADER_SIZE + "-byte limit");
        }
        chunk.clear();
        chunk.writeBytes(LogFormat.FILE_MAGIC, 0, LogFormat.FILE_MAGIC.length);
        chunk.writeByte(LogFormat.MAJOR_VERSION);
        chunk.writeByte(LogFormat.MAJOR_VERSION >>> 8);
        chunk.writeByte(LogFormat.MINOR_VERSION);
        chunk.writeByte(LogFormat.MINOR_VERSION >>> 8);
        chunk.writeIntLE(body.size());
        crc.reset();
        crc.update(chunk.array(), 0, chunk.size());
        crc.update(body.array(), 0, body.size());
        chunk.writeIntLE((int) crc.getValue());
        chunk.append(body);
        writeOut();
    }

    private void sealChunk() throws IOException {
        chunk.clear();
        chunk.writeBytes(LogFormat.CHUNK_MAGIC, 0, LogFormat.CHUNK_MAGIC.length);
        chunk.writeByte(deflater == null ? LogFormat.COMPRESSION_NONE : LogFormat.COMPRESSION_DEFLATE);
        chunk.writeByte(0);
        chunk.writeByte(0);
        chunk.writeByte(0);
        chunk.writeIntLE(0);
        chunk.writeIntLE(encoder.size());
        chunk.writeIntLE(encoder.events());
        chunk.writeIntLE(0);
        encoder.writePayload(deflater, chunk, streamStats);
        int storedLength = chunk.size() - LogFormat.CHUNK_HEADER_SIZE;
        ByteSink.putIntLE(chunk.array(), 8, storedLength);
        crc.reset();
        crc.update(chunk.array(), 0, 20);
        crc.update(chunk.array(), LogFormat.CHUNK_HEADER_SIZE, storedLength);
        ByteSink.putIntLE(chunk.array(), 20, (int) crc.getValue());
        chunkOpen = false;
        chunksWritten++;
        writeOut();
    }

    private void writeOut() throws IOException {
        out.write(chunk.array(), 0, chunk.size());
        out.flush();
        bytesWritten += chunk.size();
    }
}
