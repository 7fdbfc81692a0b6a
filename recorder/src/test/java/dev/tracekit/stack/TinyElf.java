package dev.tracekit.stack;

import dev.tracekit.stack.elf.ElfFormatException;
import dev.tracekit.stack.elf.ElfImage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal ELF image built in memory for unwinder tests: section headers holding an .eh_frame
 * at a chosen address and a .symtab of functions, and optionally code bytes in a PT_LOAD segment.
 */
final class TinyElf {
    private final List<long[]> functions = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private byte[] ehFrame = new byte[0];
    private long ehFrameAddress;
    private byte[] code = new byte[0];
    private long codeAddress;

    TinyElf ehFrame(long address, byte[] section) {
        ehFrameAddress = address;
        ehFrame = section;
        return this;
    }

    /** Code the image maps at {@code address}, in a PT_LOAD segment of its own. */
    TinyElf code(long address, byte[] bytes) {
        codeAddress = address;
        code = bytes;
        return this;
    }

    /** A GLOBAL FUNC symbol. */
    TinyElf function(String name, long address, long size) {
        names.add(name);
        functions.add(new long[] {address, size});
        return this;
    }

    ElfImage build() throws ElfFormatException {
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        ByteBuffer symtab = ByteBuffer.allocate(24 * (functions.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        symtab.position(24);
        for (int i = 0; i < functions.size(); i++) {
            symtab.putInt(strtab.size());
            strtab.writeBytes(names.get(i).getBytes());
            strtab.write(0);
            symtab.put((byte) 0x12).put((byte) 0).putShort((short) 1).putLong(functions.get(i)[0]).putLong(functions.get(i)[1]);
        }
        byte[] shstrtab = "\0.eh_frame\0.symtab\0.strtab\0.shstrtab\0".getBytes();
        byte[][] contents = {ehFrame, symtab.array(), strtab.toByteArray(), shstrtab};
        int[] nameOffsets = {1, 11, 19, 27};
        int[] types = {1, 2, 3, 3};
        long[] offsets = new long[4];
        boolean hasCode = code.length > 0;
        long at = hasCode ? 64 + 56 : 64;
        for (int i = 0; i < 4; i++) {
            offsets[i] = at;
            at += (contents[i].length + 7) / 8 * 8;
        }
        long sectionTable = at;
        long codeOffset = sectionTable + 5 * 64;
        ByteBuffer file = ByteBuffer.allocate((int) codeOffset + code.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        file.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1);
        file.putLong(40, sectionTable).putShort(52, (short) 64).putShort(54, (short) 56)
                .putShort(58, (short) 64).putShort(60, (short) 5).putShort(62, (short) 4);
        if (hasCode) {
            file.putLong(32, 64).putShort(56, (short) 1); // one program header, right after this one
            file.putInt(64, 1).putInt(68, 5).putLong(72, codeOffset).putLong(80, codeAddress).putLong(88, codeAddress)
                    .putLong(96, code.length).putLong(104, code.length).putLong(112, 1); // PT_LOAD, R+X
            file.put((int) codeOffset, code);
        }
        for (int i = 0; i < 4; i++) {
            file.put((int) offsets[i], contents[i]);
            int header = (int) sectionTable + (i + 1) * 64;
            file.putInt(header, nameOffsets[i]).putInt(header + 4, types[i]);
            file.putLong(header + 16, i == 0 ? ehFrameAddress : 0).putLong(header + 24, offsets[i]).putLong(header + 32, contents[i].length);
            file.putInt(header + 40, i == 1 ? 3 : 0).putLong(header + 56, i == 1 ? 24 : 0);
        }
        return ElfImage.of("tiny", file.array());
    }
}
