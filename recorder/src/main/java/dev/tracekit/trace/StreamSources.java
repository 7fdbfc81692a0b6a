package dev.tracekit.trace;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A chunk's stored payload split back into its streams, each read through its own
 * {@link ByteSource}. The stream table must account for every stored byte and, with its
 * lengths, for the body length of the chunk header. Streams after those this version knows are
 * skipped unread; streams it knows but the chunk leaves out are empty.
 */
final class StreamSources implements AutoCloseable {
    private final ByteSource[] sources = new ByteSource[ChunkStream.COUNT];
    private final Inflater inflater = new Inflater(true);
    private final int[] lengths = new int[ChunkStream.COUNT];
    private final int[] storedLengths = new int[ChunkStream.COUNT];
    private byte[] inflated = new byte[1 << 16];
    private long baseTime;

    /**
     * @param compression the chunk header's: with deflate, a stream whose stored length is below
     *                    its length is deflated; without, the two must be equal
     */
    void open(int compression, byte[] stored, int storedLength, int bodyLength) {
        ByteSource table = new ByteSource("the stream table", stored, 0, storedLength);
        baseTime = table.readSignedVarLong();
        int count = table.readCount();
        long total = 0;
        long storedTotal = 0;
        for (int i = 0; i < count; i++) {
            int length = table.readVarInt();
            int storedStream = table.readVarInt();
            if (length < 0 || storedStream < 0 || storedStream > length) {
                throw table.malformed("stream " + i + " has length " + Integer.toUnsignedString(length)
                        + " and stored length " + Integer.toUnsignedString(storedStream));
            }
            if (storedStream < length && compression != LogFormat.COMPRESSION_DEFLATE) {
                throw table.malformed("stream " + i + " is stored in " + storedStream + " of its " + length
                        + " bytes, in a chunk without compression");
            }
            total += length;
            storedTotal += storedStream;
            if (i < ChunkStream.COUNT) {
                lengths[i] = length;
                storedLengths[i] = storedStream;
            }
        }
        if (total != bodyLength) {
            throw table.malformed("the streams take " + total + " bytes, the chunk header's body length is " + bodyLength);
        }
        if (storedTotal != table.remaining()) {
            throw table.malformed("the streams are stored in " + storedTotal + " bytes, " + table.remaining() + " follow the table");
        }
        for (int i = count; i < ChunkStream.COUNT; i++) {
            lengths[i] = 0;
            storedLengths[i] = 0;
        }
        split(stored, storedLength - table.remaining());
    }

    long baseTime() {
        return baseTime;
    }

    ByteSource get(int stream) {
        return sources[stream];
    }

    /** Every record has been read: a stream with bytes left over does not belong to them. */
    void checkConsumed() {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i].hasRemaining()) {
                throw sources[i].malformed(sources[i].remaining() + " bytes left over after the last record");
            }
        }
    }

    @Override
    public void close() {
        inflater.end();
    }

    /** Stored streams are read where they are; deflated ones are inflated one after the other. */
    private void split(byte[] stored, int at) {
        int inflatedSize = 0;
        for (int i = 0; i < ChunkStream.COUNT; i++) {
            if (storedLengths[i] < lengths[i]) {
                inflatedSize += lengths[i];
            }
        }
        if (inflated.length < inflatedSize) {
            inflated = new byte[Math.max(inflatedSize, inflated.length * 2)];
        }
        int inflatedAt = 0;
        for (int i = 0; i < ChunkStream.COUNT; i++) {
            String where = "the " + ChunkStream.name(i) + " stream";
            if (storedLengths[i] == lengths[i]) {
                sources[i] = new ByteSource(where, stored, at, at + lengths[i]);
            } else {
                inflate(i, stored, at, inflatedAt);
                sources[i] = new ByteSource(where, inflated, inflatedAt, inflatedAt + lengths[i]);
                inflatedAt += lengths[i];
            }
            at += storedLengths[i];
        }
    }

    private void inflate(int stream, byte[] stored, int at, int target) {
        int length = lengths[stream];
        int storedLength = storedLengths[stream];
        String where = "the stored " + ChunkStream.name(stream) + " stream";
        inflater.reset();
        inflater.setInput(stored, at, storedLength);
        int produced = 0;
        try {
            while (produced < length) {
                int n = inflater.inflate(inflated, target + produced, length - produced);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += n;
            }
        } catch (DataFormatException e) {
            throw new MalformedException("does not inflate: " + e.getMessage(), 0, where);
        }
        if (produced != length || !inflater.finished()) {
            throw new MalformedException("inflates to " + (produced == length ? "more than " : "") + produced
                    + " bytes, the stream table says " + length, 0, where);
        }
        if (inflater.getRemaining() > 0) {
            throw new MalformedException(inflater.getRemaining() + " stored bytes after the end of the deflate stream",
                    storedLength - inflater.getRemaining(), where);
        }
    }
}
