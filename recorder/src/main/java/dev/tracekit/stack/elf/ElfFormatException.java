package dev.tracekit.stack.elf;

import java.io.IOException;

/** The file is no 64-bit little-endian ELF, or its headers point outside it. */
public final class ElfFormatException extends IOException {
    public ElfFormatException(String message) {
        super(message);
    }
}
