package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a call's captures: a tag each to CAPTURES, the numbers it calls for to CAPTURE_FIELDS,
 * the bytes to TEXT or BINARY, whichever they look like, so that each gets a Huffman table of
 * its own. Programs move the same bytes again (a copy loop writes what it read, a file is
 * stat-ed three times), so bytes already captured in this chunk become a back-reference, and
 * bytes mostly like the previous capture of the same call, phase and length (the next file's
 * struct stat) become a patch of that one: a bitmap of the bytes that differ, in PATCHES, which
 * is much the same from one struct to the next, and those bytes, in PATCH_DATA. A call site
 * captures alike from call to call, so a call's capture count is written as the difference
 * from its site's last one, and the tags of its first captures XOR the tags its site's calls
 * last had at those places: mostly zero, or a changed mode.
 */
final class CaptureEncoder {
    /** Where the bytes are: literal in TEXT, an earlier capture's, patched, literal in BINARY. */
    static final int MODE_TEXT = 0;
    static final int MODE_REPEAT = 1;
    static final int MODE_PATCH = 2;
    static final int MODE_BINARY = 3;
    /** Source in the tag: the address is written out instead of naming an argument. */
    static final int ADDRESS_EXPLICIT = 7;
    /** The object's full length: the bytes captured, the call's result, unknown, or written out. */
    static final int LENGTH_WHOLE = 0;
    static final int LENGTH_RESULT = 1;
    static final int LENGTH_UNKNOWN = 2;
    static final int LENGTH_EXPLICIT = 3;
    /** Captures at these places in a call have their tag written against the site's last. */
    static final int PREDICTED_TAGS = 4;

    private final List<ByteString> history = new ArrayList<>();
    private final Map<ByteString, Integer> byContent = new HashMap<>();
    /** Keyed by system call number, length and phase. */
    private final Map<Long, Integer> byCallAndLength = new HashMap<>();
    private final ByteSink bitmap = new ByteSink(64);
    private final ByteSink changed = new ByteSink(256);

    void clear() {
        history.clear();
        byContent.clear();
        byCallAndLength.clear();
    }

    /**
     * Bytes a call's captures may take at most, to check that the call fits a chunk before writing
     * it: a patch is used only when smaller than the bytes themselves.
     */
    static long sizeBound(List<Capture> captures) {
        long bound = 5;
        for (Capture capture : captures) {
            bound += 32 + capture.bytes().length();
        }
        return bound;
    }

    /** @param exited whether the call returned, so that {@code result} is its result */
    void write(List<Capture> captures, SyscallArgs args, CallSites.Site site, boolean exited, long result, StreamSinks streams) {
        ByteSink tags = streams.get(ChunkStream.CAPTURES);
        ByteSink fields = streams.get(ChunkStream.CAPTURE_FIELDS);
        int number = site.number;
        tags.writeSignedVarLong(captures.size() - site.captureCount);
        site.captureCount = captures.size();
        for (int c = 0; c < captures.size(); c++) {
            Capture capture = captures.get(c);
            ByteString content = capture.bytes();
            int length = content.length();
            int index = history.size();
            long key = Integer.toUnsignedLong(number) << 32 | (long) length << 1 | capture.phase().ordinal();
            Integer same = byContent.get(content);
            Integer similar = same == null ? byCallAndLength.get(key) : null;
            int source = source(capture.address(), args);
            int lengthKind = lengthKind(capture, exited, result);
            int mode;
            if (same != null) {
                mode = MODE_REPEAT;
                fields.writeVarInt(index - same);
            } else if (similar != null && patchPays(history.get(similar), content)) {
                mode = MODE_PATCH;
                fields.writeVarInt(index - similar);
                streams.get(ChunkStream.PATCHES).append(bitmap);
                streams.get(ChunkStream.PATCH_DATA).append(changed);
            } else {
                mode = looksLikeText(content) ? MODE_TEXT : MODE_BINARY;
                fields.writeVarInt(length);
                streams.get(mode == MODE_TEXT ? ChunkStream.TEXT : ChunkStream.BINARY).writeBytes(content);
            }
            int tag = lengthKind << 6 | mode << 4 | source << 1 | capture.phase().ordinal();
            if (c < PREDICTED_TAGS) {
                tags.writeByte(tag ^ site.tags[c]);
                site.tags[c] = tag;
            } else {
                tags.writeByte(tag);
            }
            if (source == ADDRESS_EXPLICIT) {
                fields.writeVarLong(capture.address());
            }
            if (lengthKind == LENGTH_EXPLICIT) {
                fields.writeVarLong(capture.fullLength() - length);
            }
            history.add(content);
            byContent.put(content, index);
            byCallAndLength.put(key, index);
        }
    }

    /** A capture usually starts where an argument points: then the tag names the argument. */
    private static int source(long address, SyscallArgs args) {
        for (int i = 0; i < SyscallArgs.COUNT; i++) {
            if (args.get(i) == address) {
                return i;
            }
        }
        return ADDRESS_EXPLICIT;
    }

    private static int lengthKind(Capture capture, boolean exited, long result) {
        if (capture.fullLength() == Capture.UNKNOWN_LENGTH) {
            return LENGTH_UNKNOWN;
        }
        if (capture.fullLength() == capture.bytes().length()) {
            return LENGTH_WHOLE;
        }
        return exited && capture.fullLength() == result ? LENGTH_RESULT : LENGTH_EXPLICIT;
    }

    /** Paths, names and prose: at most one byte in eight outside printable ASCII, tab, newline and NUL. */
    private static boolean looksLikeText(ByteString content) {
        int other = 0;
        for (int i = 0; i < content.length(); i++) {
            int b = content.byteAt(i) & 0xff;
            if (b >= 0x7f || b < 0x20 && b != '\n' && b != '\t' && b != 0) {
                other++;
            }
        }
        return other * 8 <= content.length();
    }

    /**
     * Leaves the patch from base to content in {@link #bitmap} (bit i % 8 of byte i / 8 set when
     * byte i differs) and {@link #changed}; worth it when at least half the bytes are equal.
     */
    private boolean patchPays(ByteString base, ByteString content) {
        int length = content.length();
        bitmap.clear();
        changed.clear();
        for (int at = 0; at < length; at += 8) {
            int bits = 0;
            for (int i = at; i < Math.min(at + 8, length); i++) {
                byte b = content.byteAt(i);
                if (b != base.byteAt(i)) {
                    bits |= 1 << (i - at);
                    changed.writeByte(b);
                }
            }
            bitmap.writeByte(bits);
        }
        return changed.size() * 2 <= length;
    }
}
