package dev.tracekit.stack.proc;

import dev.tracekit.stack.elf.ElfImage;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ELF images shared across processes, keyed by what identifies the contents: device and inode
 * for files, build-id for memory images (the vDSO). A file that could not be read is
 * remembered too, so it is not retried at every sample.
 */
public final class ImageCache {
    private final ConcurrentHashMap<String, Optional<ElfImage>> images = new ConcurrentHashMap<>();

    /** The image for {@code key}, opened with {@code opener} (null on failure) the first time. */
    public ElfImage get(String key, Supplier<ElfImage> opener) {
        return images.computeIfAbsent(key, unused -> Optional.ofNullable(opener.get())).orElse(null);
    }

    public static String fileKey(long device, long inode) {
        return "file:" + Long.toHexString(device) + ":" + inode;
    }
}
