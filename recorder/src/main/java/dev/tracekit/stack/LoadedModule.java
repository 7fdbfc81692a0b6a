package dev.tracekit.stack;

import dev.tracekit.stack.elf.ElfImage;

import java.util.Arrays;

/**
 * An executable mapping of a process: the ELF image mapped there (null for anonymous memory,
 * such as JIT code, or a file that could not be read) and its load bias, so that
 * file address = runtime address - bias.
 */
public record LoadedModule(long start, long end, long bias, ElfImage image, String path) {
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    public long fileAddress(long address) {
        return address - bias;
    }

    /** Whether the image's file holds {@code code} where the process has it at runtime {@code address}. */
    public boolean hasCodeAt(long address, byte[] code) {
        return image != null && Arrays.equals(image.bytesAt(fileAddress(address), code.length), code);
    }
}
