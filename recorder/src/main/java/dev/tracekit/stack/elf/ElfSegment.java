package dev.tracekit.stack.elf;

/** A program header: how part of the file is mapped. */
public record ElfSegment(int type, int flags, long offset, long vaddr, long fileSize, long memorySize) {
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;
    public static final int PT_GNU_EH_FRAME = 0x6474e550;
    public static final int PF_X = 1;

    public boolean holdsOffset(long fileOffset) {
        return fileOffset >= offset && fileOffset < offset + Math.max(fileSize, 1);
    }

    public boolean holdsAddress(long address) {
        return address >= vaddr && address < vaddr + fileSize;
    }
}
