package dev.tracekit.stack.elf;

import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Chooses the symbols of an object: its own .symtab; else the .symtab of its separate debug
 * file; else .dynsym, completed by MiniDebugInfo's .symtab (an xz-compressed ELF in
 * .gnu_debugdata, as Fedora and RHEL ship).
 */
public final class SymbolLoader {
    private final DebugFiles debugFiles;

    public SymbolLoader(DebugFiles debugFiles) {
        this.debugFiles = debugFiles;
    }

    /** The loader to hand {@link ElfImage#symbols}, for an image mapped from {@code objectPath}. */
    public Function<ElfImage, SymbolTable> forPath(String objectPath) {
        return image -> load(image, objectPath);
    }

    public SymbolTable load(ElfImage image, String objectPath) {
        SymbolTable own = image.symbolTable(".symtab");
        if (own.size() > 0) {
            return own;
        }
        ElfImage debug = debugFiles.open(image, objectPath);
        if (debug != null) {
            SymbolTable symbols = debug.symbolTable(".symtab");
            if (symbols.size() > 0) {
                return symbols;
            }
        }
        SymbolTable dynamic = image.symbolTable(".dynsym");
        SymbolTable mini = miniDebugInfo(image);
        return mini.size() > 0 ? dynamic.mergedWith(mini) : dynamic;
    }

    static SymbolTable miniDebugInfo(ElfImage image) {
        ByteBuffer section = image.sectionBytes(".gnu_debugdata");
        if (section == null) {
            return SymbolTable.EMPTY;
        }
        byte[] compressed = new byte[section.limit()];
        section.get(0, compressed);
        byte[] elf = XzDecoder.decode(compressed);
        if (elf == null) {
            return SymbolTable.EMPTY;
        }
        try {
            return ElfImage.of(image.name() + "!.gnu_debugdata", elf).symbolTable(".symtab");
        } catch (ElfFormatException e) {
            return SymbolTable.EMPTY;
        }
    }
}
