package dev.tracekit.stack.elf;

import dev.tracekit.trace.event.ByteString;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Finds an object's separate debug file the way GDB does: by build-id under
 * ROOT/.build-id/XX/REST.debug, else by .gnu_debuglink (a name and the file's CRC32) in the
 * object's directory, its .debug/ subdirectory and ROOT/DIR/.
 */
public final class DebugFiles {
    public static final Path DEFAULT_ROOT = Path.of("/usr/lib/debug");

    private final Path root;

    public DebugFiles(Path root) {
        this.root = root;
    }

    /** The debug file of {@code image}, which was mapped from {@code objectPath}; null when none is installed. */
    public Path find(ElfImage image, String objectPath) {
        Path byBuildId = byBuildId(image.buildId());
        if (byBuildId != null) {
            return byBuildId;
        }
        return byDebugLink(image, objectPath);
    }

    /**
     * The debug file of {@code image} opened, or null when none is installed, it cannot be read,
     * or its build-id is another's (a stale file left by an upgrade).
     */
    public ElfImage open(ElfImage image, String objectPath) {
        Path file = find(image, objectPath);
        if (file == null) {
            return null;
        }
        try {
            ElfImage debug = ElfImage.open(file);
            return image.buildId().length() == 0 || debug.buildId().equals(image.buildId()) ? debug : null;
        } catch (IOException e) {
            return null; // an unreadable debug file is as good as none
        }
    }

    Path byBuildId(ByteString buildId) {
        if (buildId.length() < 2) {
            return null;
        }
        String hex = HexFormat.of().formatHex(buildId.toByteArray());
        Path candidate = root.resolve(".build-id").resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".debug");
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    Path byDebugLink(ElfImage image, String objectPath) {
        ByteBuffer link = image.sectionBytes(".gnu_debuglink");
        if (link == null || objectPath == null || !objectPath.startsWith("/")) {
            return null;
        }
        int nameEnd = 0;
        while (nameEnd < link.limit() && link.get(nameEnd) != 0) {
            nameEnd++;
        }
        int crcAt = (nameEnd + 4) & ~3;
        if (nameEnd == 0 || crcAt + 4 > link.limit()) {
            return null;
        }
        byte[] nameBytes = new byte[nameEnd];
        link.get(0, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        long crc = Integer.toUnsignedLong(link.getInt(crcAt));
        Path directory = Path.of(objectPath).getParent();
        List<Path> candidates = new ArrayList<>();
        candidates.add(directory.resolve(name));
        candidates.add(directory.resolve(".debug").resolve(name));
        candidates.add(root.resolve(directory.toString().substring(1)).resolve(name));
        for (Path candidate : candidates) {
            if (!candidate.toString().equals(objectPath) && Files.isRegularFile(candidate) && crc32(candidate) == crc) {
                return candidate;
            }
        }
        return null;
    }

    private static long crc32(Path file) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                crc.update(buffer, 0, read);
            }
        } catch (IOException e) {
            return -1;
        }
        return crc.getValue();
    }
}
