package dev.tracekit.stack;

import dev.tracekit.trace.event.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the GNU build-id note of a 64-bit little-endian ELF file from its PT_NOTE segments: the
 * identity that lets a log be symbolized on another machine, whatever the file is called there.
 */
public final class BuildIdReader {
    private static final int PT_NOTE = 4;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int MAX_NOTES_SIZE = 64 * 1024;

    private BuildIdReader() {
    }

    /** The build-id, or {@link ByteString#EMPTY} when the file is no ELF or has none. */
    public static ByteString read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer elfHeader = readAt(channel, 0, 64);
            if (elfHeader.remaining() < 64 || elfHeader.getInt(0) != 0x464c457f || elfHeader.get(4) != 2 || elfHeader.get(5) != 1) {
                return ByteString.EMPTY;
            }
            long programHeaders = elfHeader.getLong(0x20);
            int entrySize = Short.toUnsignedInt(elfHeader.getShort(0x36));
            int count = Short.toUnsignedInt(elfHeader.getShort(0x38));
            if (entrySize < 56 || count == 0 || entrySize * count > MAX_NOTES_SIZE) {
                return ByteString.EMPTY;
            }
            ByteBuffer headers = readAt(channel, programHeaders, entrySize * count);
            for (int i = 0; i + 56 <= headers.limit(); i += entrySize) {
                if (headers.getInt(i) == PT_NOTE) {
                    ByteString id = findBuildId(readAt(channel, headers.getLong(i + 8),
                            (int) Math.min(headers.getLong(i + 32), MAX_NOTES_SIZE)));
                    if (id != null) {
                        return id;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or malformed: the mapping is recorded without a build-id.
        }
        return ByteString.EMPTY;
    }

    /**
     * Walks notes (namesz, descsz, type, then name and desc, each padded to 4 bytes) for the
     * GNU build-id; null when there is none. {@code notes} is little-endian, from position 0.
     */
    public static ByteString findBuildId(ByteBuffer notes) {
        int at = 0;
        while (at + 12 <= notes.limit()) {
            int nameSize = notes.getInt(at);
            int descSize = notes.getInt(at + 4);
            int type = notes.getInt(at + 8);
            int name = at + 12;
            int desc = name + align4(nameSize);
            if (nameSize < 0 || descSize < 0 || desc + descSize > notes.limit() || desc < name) {
                return null;
            }
            if (type == NT_GNU_BUILD_ID && nameSize == 4 && notes.getInt(name) == 0x00554e47) {
                byte[] id = new byte[descSize];
                notes.get(desc, id);
                return ByteString.copyOf(id);
            }
            at = desc + align4(descSize);
        }
        return null;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length)).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
