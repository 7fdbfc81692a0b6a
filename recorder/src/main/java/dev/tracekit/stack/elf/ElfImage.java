package dev.tracekit.stack.elf;

import dev.tracekit.stack.BuildIdReader;
import dev.tracekit.stack.cfi.CfiException;
import dev.tracekit.stack.cfi.CfiTable;
import dev.tracekit.stack.cfi.EhFrameHdrIndex;
import dev.tracekit.stack.cfi.FrameSection;
import dev.tracekit.stack.cfi.ObjectCfi;
import dev.tracekit.trace.event.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One 64-bit little-endian ELF object, a mapped file or a memory image such as the vDSO:
 * program headers, sections, build-id, call-frame information and symbols. The CFI index and
 * the symbols are built on first use; an image is shared by every process that maps the file.
 */
public final class ElfImage {
    private static final int ELF_MAGIC = 0x464c457f;

    private final String name;
    private final ByteBuffer bytes;
    private final List<ElfSegment> segments;
    private final List<ElfSection> sections;
    private final ByteString buildId;
    private final Function<ElfImage, ElfImage> debugFileOpener;
    private ObjectCfi cfi;
    private SymbolTable symbols;

    private ElfImage(String name, ByteBuffer bytes, Function<ElfImage, ElfImage> debugFileOpener) throws ElfFormatException {
        this.name = name;
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
        this.debugFileOpener = debugFileOpener;
        try {
            if (bytes.limit() < 64 || bytes.getInt(0) != ELF_MAGIC || bytes.get(4) != 2 || bytes.get(5) != 1) {
                throw new ElfFormatException(name + ": not a 64-bit little-endian ELF file");
            }
            this.segments = readSegments();
            this.sections = readSections();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ElfFormatException(name + ": ELF headers point outside the file");
        }
        this.buildId = readBuildId();
    }

    /** Maps a file read-only; the mapping lives as long as the image. */
    public static ElfImage open(Path file) throws IOException {
        return open(file, image -> null);
    }

    /**
     * Maps a file read-only, with a way to open its separate debug file (null when there is
     * none), whose .debug_frame {@link #cfi} reads when the file's own CFI has no FDE.
     */
    public static ElfImage open(Path file, Function<ElfImage, ElfImage> debugFileOpener) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new ElfImage(file.toString(), bytes, debugFileOpener);
        }
    }

    /** An image read from memory (the vDSO) or built in a test. */
    public static ElfImage of(String name, byte[] image) throws ElfFormatException {
        return new ElfImage(name, ByteBuffer.wrap(image), unused -> null);
    }

    public String name() {
        return name;
    }

    public ByteBuffer bytes() {
        return bytes;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    /** The GNU build-id, {@link ByteString#EMPTY} when the object has none. */
    public ByteString buildId() {
        return buildId;
    }

    public ElfSection section(String sectionName) {
        for (ElfSection section : sections) {
            if (section.name().equals(sectionName)) {
                return section;
            }
        }
        return null;
    }

    /**
     * The load bias of a mapping of this file at {@code start} from file offset {@code offset}:
     * runtime address = file address + bias. Taken from the PT_LOAD whose file range holds the
     * offset; non-PIE executables come out at 0.
     */
    public long loadBias(long start, long offset) {
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_LOAD && segment.holdsOffset(offset)) {
                return start - offset - (segment.vaddr() - segment.offset());
            }
        }
        return start - offset;
    }

    /**
     * {@code length} bytes of what the loader maps at a file address, or null when no PT_LOAD
     * segment holds them all in the file.
     */
    public byte[] bytesAt(long address, int length) {
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_LOAD && segment.holdsAddress(address)
                    && segment.holdsAddress(address + length - 1)) {
                long offset = segment.offset() + (address - segment.vaddr());
                if (offset + length > bytes.limit()) {
                    return null;
                }
                byte[] out = new byte[length];
                bytes.get((int) offset, out);
                return out;
            }
        }
        return null;
    }

    /** The lowest PT_LOAD address: a memory image's bias is its start less this. */
    public long lowestLoadAddress() {
        long lowest = Long.MAX_VALUE;
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_LOAD) {
                lowest = Math.min(lowest, segment.vaddr());
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    /**
     * The call-frame information: .eh_frame (found through PT_GNU_EH_FRAME and searched with
     * its header's table, else the section indexed by scanning it), then .debug_frame, which is
     * all that code built with -g but without unwind tables has, then the .debug_frame of the
     * separate debug file, where distributions move it. A malformed section is left out: frames
     * in its code fall back to frame pointers.
     */
    public synchronized ObjectCfi cfi() {
        if (cfi == null) {
            List<CfiTable> tables = new ArrayList<>(2);
            addIfReadable(tables, this::loadEhFrame);
            addIfReadable(tables, this::loadDebugFrame);
            cfi = new ObjectCfi(tables, this::loadSeparateDebugFrame);
        }
        return cfi;
    }

    private static void addIfReadable(List<CfiTable> tables, Supplier<CfiTable> loader) {
        CfiTable table = loadIfReadable(loader);
        if (table != null) {
            tables.add(table);
        }
    }

    private static CfiTable loadIfReadable(Supplier<CfiTable> loader) {
        try {
            return loader.get();
        } catch (CfiException | IndexOutOfBoundsException | ArithmeticException e) {
            return null; // malformed
        }
    }

    /** The symbols chosen by {@code loader} on first use (own, debug file, MiniDebugInfo). */
    public synchronized SymbolTable symbols(Function<ElfImage, SymbolTable> loader) {
        if (symbols == null) {
            symbols = loader.apply(this);
        }
        return symbols;
    }

    /** The function symbols of .symtab, or of .dynsym when there is no .symtab; empty when neither. */
    public SymbolTable ownSymbols() {
        SymbolTable table = symbolTable(".symtab");
        return table.size() > 0 ? table : symbolTable(".dynsym");
    }

    /** The function symbols of one symbol-table section (".symtab", ".dynsym"). */
    public SymbolTable symbolTable(String sectionName) {
        ElfSection table = section(sectionName);
        if (table == null || table.empty() || table.link() >= sections.size()) {
            return SymbolTable.EMPTY;
        }
        ElfSection strings = sections.get(table.link());
        return SymbolTable.read(bytes, table, strings);
    }

    /**
     * The bytes of a section, inflated when it is compressed; null when it has none in this file
     * or they cannot be inflated.
     */
    public ByteBuffer sectionBytes(String sectionName) {
        ElfSection section = section(sectionName);
        if (section == null || section.empty() || section.offset() + section.size() > bytes.limit()) {
            return null;
        }
        ByteBuffer raw = bytes.slice((int) section.offset(), (int) section.size()).order(ByteOrder.LITTLE_ENDIAN);
        return section.compressed() ? CompressedSection.inflate(raw) : raw;
    }

    private CfiTable loadEhFrame() {
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_GNU_EH_FRAME) {
                long headerBase = segment.vaddr() - segment.offset();
                int headerPosition = (int) segment.offset();
                long ehFrameAddress = EhFrameHdrIndex.ehFrameAddress(bytes, headerBase, headerPosition);
                FrameSection ehFrame = ehFrameAt(ehFrameAddress);
                if (ehFrame == null) {
                    return null;
                }
                EhFrameHdrIndex index = EhFrameHdrIndex.open(bytes, headerBase, headerPosition, ehFrame);
                return index != null ? new CfiTable(ehFrame, index) : CfiTable.scanned(ehFrame);
            }
        }
        ElfSection section = section(".eh_frame");
        if (section == null || section.empty()) {
            return null;
        }
        FrameSection ehFrame = FrameSection.ehFrame(bytes, section.address() - section.offset(), (int) section.offset(),
                (int) (section.offset() + section.size()));
        return CfiTable.scanned(ehFrame);
    }

    private CfiTable loadDebugFrame() {
        ByteBuffer section = sectionBytes(".debug_frame");
        return section == null ? null : CfiTable.scanned(FrameSection.debugFrame(section, 0, section.limit()));
    }

    /** Only the debug file's .debug_frame: its .eh_frame is a NOBITS placeholder. */
    private CfiTable loadSeparateDebugFrame() {
        ElfImage debugFile = debugFileOpener.apply(this);
        return debugFile == null ? null : loadIfReadable(debugFile::loadDebugFrame);
    }

    /** .eh_frame at a virtual address; it ends where its section (or else its segment) does. */
    private FrameSection ehFrameAt(long address) {
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_LOAD && segment.holdsAddress(address)) {
                long base = segment.vaddr() - segment.offset();
                long end = segment.offset() + segment.fileSize();
                ElfSection section = section(".eh_frame");
                if (section != null && section.address() == address && !section.empty()) {
                    end = section.offset() + section.size();
                }
                return FrameSection.ehFrame(bytes, base, (int) (address - base), (int) Math.min(end, bytes.limit()));
            }
        }
        return null;
    }

    private List<ElfSegment> readSegments() {
        long tableOffset = bytes.getLong(0x20);
        int entrySize = Short.toUnsignedInt(bytes.getShort(0x36));
        int count = Short.toUnsignedInt(bytes.getShort(0x38));
        List<ElfSegment> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = Math.toIntExact(tableOffset + (long) i * entrySize);
            list.add(new ElfSegment(bytes.getInt(at), bytes.getInt(at + 4), bytes.getLong(at + 8),
                    bytes.getLong(at + 16), bytes.getLong(at + 32), bytes.getLong(at + 40)));
        }
        return List.copyOf(list);
    }

    private List<ElfSection> readSections() {
        long tableOffset = bytes.getLong(0x28);
        int entrySize = Short.toUnsignedInt(bytes.getShort(0x3a));
        int count = Short.toUnsignedInt(bytes.getShort(0x3c));
        int namesIndex = Short.toUnsignedInt(bytes.getShort(0x3e));
        if (tableOffset == 0 || count == 0 || tableOffset + (long) count * entrySize > bytes.limit()) {
            return List.of(); // stripped of section headers, or a memory image without them
        }
        long namesOffset = namesIndex < count ? bytes.getLong(Math.toIntExact(tableOffset + (long) namesIndex * entrySize + 24)) : -1;
        List<ElfSection> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = Math.toIntExact(tableOffset + (long) i * entrySize);
            String sectionName = namesOffset < 0 ? "" : cString(namesOffset + Integer.toUnsignedLong(bytes.getInt(at)));
            list.add(new ElfSection(sectionName, bytes.getInt(at + 4), bytes.getLong(at + 8), bytes.getLong(at + 16),
                    bytes.getLong(at + 24), bytes.getLong(at + 32), bytes.getInt(at + 40), bytes.getLong(at + 56)));
        }
        return List.copyOf(list);
    }

    private ByteString readBuildId() {
        for (ElfSegment segment : segments) {
            if (segment.type() == ElfSegment.PT_NOTE && segment.offset() + segment.fileSize() <= bytes.limit()) {
                ByteString id = BuildIdReader.findBuildId(
                        bytes.slice((int) segment.offset(), (int) segment.fileSize()).order(ByteOrder.LITTLE_ENDIAN));
                if (id != null) {
                    return id;
                }
            }
        }
        ByteBuffer note = sectionBytes(".note.gnu.build-id");
        ByteString id = note == null ? null : BuildIdReader.findBuildId(note);
        return id == null ? ByteString.EMPTY : id;
    }

    String cString(long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (end < bytes.limit() && bytes.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - start];
        bytes.get(start, text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
