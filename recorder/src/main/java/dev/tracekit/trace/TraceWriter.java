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
 * and handed to the operating system when it outgrows {@link Options#chunkSizeLimit} or when
 * its oldest event is {@link Options#flushInterval} old, so a recorder that dies loses at most
 * that much. Thread-safe: the tracer writes while a timer thread seals old chunks.
 */
public final class TraceWriter implements Closeable {
    /** Room is left for the end record, so no chunk outgrows what readers accept. */
    private static final int MAX_BODY_SIZE = LogFormat.MAX_CHUNK_SIZE - 16;

    /**
     * @param compressionLevel a {@link Deflater} level 1-9, or 0 to store chunks uncompressed
     */
    public record Options(int chunkSizeLimit, Duration flushInterval, int compressionLevel) {
        public static final Options DEFAULT = new Options(1 << 20, Duration.ofMillis(100), 1);

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
    private final byte[] deflateBuffer = new byte[8192];
    private final CRC32C crc = new CRC32C();
    private final ScheduledExecutorService flusher;
    private boolean chunkOpen;
    private long chunkOpenedAt;
    private long eventsWritten;
    private long bytesWritten;
    private IOException failure;
    private boolean closed;

    private TraceWriter(OutputStream out, TraceHeader header, Options options, boolean timedFlush) throws IOException {
        this.out = out;
        this.options = options;
        this.deflater = options.compressionLevel() > 0 ? new Deflater(options.compressionLevel(), true) : null;
        writeFileHeader(header);
        if (timedFlush) {
            flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tracekit-log-flusher");
                thread.setDaemon(true);
                return thread;
            });
            long tick = Math.max(1, options.flushInterval().toNanos() / 4);
            flusher.scheduleAtFixedRate(this::flushIfDue, tick, tick, TimeUnit.NANOSECONDS);
        } else {
            flusher = null;
        }
    }

    /** Creates (or replaces) the file with mode 0600: a log holds the traced process's memory. */
    public static TraceWriter create(Path path, TraceHeader header, Options options) throws IOException {
        FileChannel channel = FileChannel.open(path,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return new TraceWriter(Channels.newOutputStream(channel), header, options, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes to a stream, sealing chunks only by size, on {@link #flush} and on {@link #close}. */
    public static TraceWriter to(OutputStream out, TraceHeader header, Options options) throws IOException {
        return new TraceWriter(out, header, options, false);
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
        if (encoder.body().size() >= options.chunkSizeLimit()) {
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
        if (age >= options.flushInterval().toNanos() * 3 / 4) {
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
        ByteSink body = encoder.body();
        chunk.clear();
        chunk.writeBytes(LogFormat.CHUNK_MAGIC, 0, LogFormat.CHUNK_MAGIC.length);
        chunk.writeByte(LogFormat.COMPRESSION_NONE);
        chunk.writeByte(0);
        chunk.writeByte(0);
        chunk.writeByte(0);
        chunk.writeIntLE(0);
        chunk.writeIntLE(body.size());
        chunk.writeIntLE(encoder.events());
        chunk.writeIntLE(0);
        int storedLength = options.compressionLevel() > 0 ? deflateInto(body) : 0;
        if (storedLength == 0 || storedLength >= body.size()) {
            chunk.array()[4] = LogFormat.COMPRESSION_NONE;
            storedLength = body.size();
            chunk.truncate(LogFormat.CHUNK_HEADER_SIZE);
            chunk.append(body);
        } else {
            chunk.array()[4] = LogFormat.COMPRESSION_DEFLATE;
        }
        ByteSink.putIntLE(chunk.array(), 8, storedLength);
        crc.reset();
        crc.update(chunk.array(), 0, 20);
        crc.update(chunk.array(), LogFormat.CHUNK_HEADER_SIZE, storedLength);
        ByteSink.putIntLE(chunk.array(), 20, (int) crc.getValue());
        chunkOpen = false;
        writeOut();
    }

    /** Deflates the body after the chunk header; returns the compressed length, 0 if it did not pay. */
    private int deflateInto(ByteSink body) {
        deflater.reset();
        deflater.setInput(body.array(), 0, body.size());
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(deflateBuffer);
            chunk.writeBytes(deflateBuffer, 0, n);
            if (chunk.size() - LogFormat.CHUNK_HEADER_SIZE >= body.size()) {
                return 0;
            }
        }
        return chunk.size() - LogFormat.CHUNK_HEADER_SIZE;
    }

    private void writeOut() throws IOException {
        out.write(chunk.array(), 0, chunk.size());
        out.flush();
        bytesWritten += chunk.size();
    }
}
