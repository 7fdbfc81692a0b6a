package dev.tracekit.stack.cfi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Assembles .eh_frame bytes by hand for tests: one CIE ("zR", pc-relative sdata4 pointers,
 * code alignment 1, data alignment -8, return address column 16, as GCC writes them on x86_64)
 * and FDEs that point to it. {@code address} is where the section is loaded.
 */
public final class EhFrameBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long address;
    private final int ciePosition;

    public EhFrameBuilder(long address, String augmentation, byte[] initialInstructions) {
        this.address = address;
        this.ciePosition = 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // version
        body.writeBytes(augmentation.getBytes());
        body.write(0);
        body.write(1); // code alignment
        body.write(0x78); // data alignment -8 (sleb128)
        body.write(16); // return address column
        body.write(augmentation.contains("R") ? 1 : 0); // augmentation data length
        if (augmentation.contains("R")) {
            body.write(0x1b); // FDE pointers: pcrel | sdata4
        }
        body.writeBytes(initialInstructions);
        writeEntry(0, body.toByteArray());
    }

    /** The usual x86_64 CIE: CFA = rsp + 8, return address at CFA - 8. */
    public static EhFrameBuilder standard(long address) {
        return new EhFrameBuilder(address, "zR", Cfa.bytes(0x0c, 7, 8, 0x80 | 16, 1));
    }

    /** Same, with 'S': its FDEs describe signal trampolines. */
    public static EhFrameBuilder signalFrames(long address) {
        return new EhFrameBuilder(address, "zRS", Cfa.bytes(0x0c, 7, 8, 0x80 | 16, 1));
    }

    public EhFrameBuilder fde(long pcBegin, long pcRange, byte[] instructions) {
        int position = bytes.size();
        ByteBuffer body = ByteBuffer.allocate(4 + 4 + 4 + 1 + instructions.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(position + 4 - ciePosition); // CIE pointer, back from this field
        long pcField = address + position + 8;
        body.putInt((int) (pcBegin - pcField));
        body.putInt((int) pcRange);
        body.put((byte) 0); // augmentation data length
        body.put(instructions);
        writeEntry(-1, body.array());
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(bytes.toByteArray());
        done.writeBytes(new byte[4]); // terminator
        return done.toByteArray();
    }

    public FrameSection ehFrame() {
        byte[] section = build();
        return FrameSection.ehFrame(ByteBuffer.wrap(section).order(ByteOrder.LITTLE_ENDIAN), address, 0, section.length);
    }

    private void writeEntry(int cieId, byte[] body) {
        int length = (cieId == 0 ? 4 : 0) + body.length;
        int padded = (length + 4 + 7) / 8 * 8 - 4; // keep entries 8-aligned, padding with DW_CFA_nop
        ByteBuffer entry = ByteBuffer.allocate(4 + padded).order(ByteOrder.LITTLE_ENDIAN);
        entry.putInt(padded);
        if (cieId == 0) {
            entry.putInt(0);
        }
        entry.put(body);
        bytes.writeBytes(entry.array());
    }

    /** Byte strings of CFA instructions and DWARF expressions. */
    public static final class Cfa {
        private Cfa() {
        }

        public static byte[] bytes(int... values) {
            byte[] out = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (byte) values[i];
            }
            return out;
        }

        public static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }
    }
}
