package dev.tracekit.stack.elf;

/** A section header, with its name resolved. */
public record ElfSection(String name, int type, long address, long offset, long size, int link, long entrySize) {
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;

    /** The section occupies no bytes in this file (.bss, or every section of a debug file's code). */
    public boolean empty() {
        return type == SHT_NOBITS || size == 0;
    }
}
