package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.ArrayList;
import java.util.List;

/** Reads what {@link CaptureEncoder} wrote; back-references reach only captures earlier in the chunk. */
final class CaptureDecoder {
    private static final Capture.Phase[] PHASES = Capture.Phase.values();

    private final List<ByteString> history = new ArrayList<>();

    void clear() {
        history.clear();
    }

    /** @param exited whether the call returned, so that {@code result} is its result */
    List<Capture> read(SyscallArgs args, CallSites.Site site, boolean exited, long result, StreamSources streams) {
        ByteSource tags = streams.get(ChunkStream.CAPTURES);
        ByteSource fields = streams.get(ChunkStream.CAPTURE_FIELDS);
        long counted = site.captureCount + tags.readSignedVarLong();
        if (counted < 0 || counted > tags.remaining()) {
            throw tags.malformed("capture count " + counted + (counted < 0 ? " is negative"
                    : " exceeds the " + tags.remaining() + " bytes left"));
        }
        int count = (int) counted;
        site.captureCount = count;
        if (count == 0) {
            return List.of();
        }
        Capture[] captures = new Capture[count];
        for (int i = 0; i < count; i++) {
            int tag = tags.readByte();
            if (i < CaptureEncoder.PREDICTED_TAGS) {
                tag ^= site.tags[i];
                site.tags[i] = tag;
            }
            int source = tag >> 1 & 7;
            if (source == SyscallArgs.COUNT) {
                throw tags.malformed("capture tag 0x" + Integer.toHexString(tag) + " names no argument", tags.position() - 1);
            }
            ByteString bytes = switch (tag >> 4 & 3) {
                case CaptureEncoder.MODE_TEXT -> streams.get(ChunkStream.TEXT).readBytes(fields.readVarInt());
                case CaptureEncoder.MODE_REPEAT -> earlier(fields);
                case CaptureEncoder.MODE_PATCH -> patch(earlier(fields), streams.get(ChunkStream.PATCHES),
                        streams.get(ChunkStream.PATCH_DATA));
                default -> streams.get(ChunkStream.BINARY).readBytes(fields.readVarInt());
            };
            long address = source == CaptureEncoder.ADDRESS_EXPLICIT ? fields.readVarLong() : args.get(source);
            long fullLength = fullLength(tag >> 6, bytes.length(), exited, result, fields);
            history.add(bytes);
            captures[i] = new Capture(PHASES[tag & 1], address, fullLength, bytes);
        }
        return count == 1 ? List.of(captures[0]) : List.of(captures);
    }

    private static long fullLength(int kind, int stored, boolean exited, long result, ByteSource fields) {
        switch (kind) {
            case CaptureEncoder.LENGTH_WHOLE -> {
                return stored;
            }
            case CaptureEncoder.LENGTH_RESULT -> {
                if (!exited) {
                    throw fields.malformed("capture length is the result of a call that has none");
                }
                if (result < stored) {
                    throw fields.malformed("capture length is the result " + result + ", less than the " + stored + " bytes captured");
                }
                return result;
            }
            case CaptureEncoder.LENGTH_UNKNOWN -> {
                return Capture.UNKNOWN_LENGTH;
            }
            default -> {
                long missing = fields.readVarLong();
                if (missing < 0 || stored + missing < 0) {
                    throw fields.malformed("capture length overflows");
                }
                return stored + missing;
            }
        }
    }

    /** The capture a back-reference names: distance d is the d-th capture before this one. */
    private ByteString earlier(ByteSource fields) {
        int distance = fields.readVarInt();
        if (distance < 1 || distance > history.size()) {
            throw fields.malformed("capture back-reference " + Integer.toUnsignedString(distance)
                    + " reaches before the chunk (" + history.size() + " captures so far)");
        }
        return history.get(history.size() - distance);
    }

    /** The base's bytes with those the bitmap marks replaced, in order, by bytes of PATCH_DATA. */
    private static ByteString patch(ByteString base, ByteSource bitmaps, ByteSource changed) {
        int length = base.length();
        if ((length + 7) / 8 > bitmaps.remaining()) {
            throw bitmaps.malformed("a bitmap of " + (length + 7) / 8 + " bytes runs past the end ("
                    + bitmaps.remaining() + " bytes left)");
        }
        byte[] bytes = base.toByteArray();
        for (int at = 0; at < length; at += 8) {
            int bits = bitmaps.readByte();
            if (bits >>> Math.min(8, length - at) != 0) {
                throw bitmaps.malformed("bitmap marks bytes past the end of a " + length + "-byte capture", bitmaps.position() - 1);
            }
            for (; bits != 0; bits &= bits - 1) {
                bytes[at + Integer.numberOfTrailingZeros(bits)] = (byte) changed.readByte();
            }
        }
        return ByteString.copyOf(bytes);
    }
}
