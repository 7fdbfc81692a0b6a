package dev.tracekit.stack.elf;

/** A section header, with its name resolved. */
public record ElfSection(String name, int type, long flags, long address, long offset, long size, int link, long entrySize) {
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final long SHF_COMPRESSED = 0x800;

    /** The section occupies no bytes in this file (.bss, or every section of a debug file's code). */
    public boolean empty() {
        return type == SHT_NOBITS || size == 0;
    }

    /** The bytes in the file are an Elf64_Chdr and a compressed stream (gcc -gz, objcopy --compress-debug-sections). */
    public boolean compressed() {
        return (flags & SHF_COMPRESSED) != 0;
    }
}
