package dev.tracekit.strace;

import java.util.Map;

/** Calls on the address space: mmap, mprotect, munmap, brk, mremap, madvise, msync, mlock. */
final class MemoryDecoders implements DecoderFamily {
    private static final long MAP_TYPE = 0xf;
    private static final long MAP_HUGE_MASK = 0x3fL << 26;
    private static final int MAP_HUGE_SHIFT = 26;
    private static final long MREMAP_MAYMOVE_FIXED = 3;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("mmap", (c, o) -> {
            o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma().flags("mmap_prot", c.arg(2), "PROT_???").comma();
            mmapFlags(o, c.arg(3));
            o.comma().fd(c.arg(4)).comma().hex(c.arg(5)).result(ResultFormat.HEX);
        });
        d.put("mprotect", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma()
                .flags("mmap_prot", c.arg(2), "PROT_???"));
        d.put("pkey_mprotect", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma()
                .flags("mmap_prot", c.arg(2), "PROT_???").comma().decimalInt(c.arg(3)));
        Decoder addressLength = (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1));
        for (String name : new String[] {"munmap", "mlock", "munlock", "set_robust_list"}) {
            d.put(name, addressLength);
        }
        d.put("brk", (c, o) -> o.pointer(c.arg(0)).result(ResultFormat.HEX));
        d.put("mremap", (c, o) -> {
            o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma().unsigned(c.arg(2)).comma()
                    .flags("mremap", c.arg(3), "MREMAP_???");
            if ((c.arg(3) & MREMAP_MAYMOVE_FIXED) == MREMAP_MAYMOVE_FIXED) {
                o.comma().pointer(c.arg(4));
            }
            o.result(ResultFormat.HEX);
        });
        d.put("madvise", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma()
                .xval("madvise", c.arg(2), "MADV_???"));
        d.put("msync", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma()
                .flags("msync", c.arg(2), "MS_???"));
        d.put("mlock2", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma()
                .flags("mlock", c.arg(2), "MLOCK_???"));
        d.put("mlockall", (c, o) -> o.flags("mlockall", c.arg(0), "MCL_???"));
        d.put("munlockall", (c, o) -> {
        });
        d.put("mincore", (c, o) -> o.pointer(c.arg(0)).comma().unsigned(c.arg(1)).comma().entryEnds()
                .pointer(c.arg(2)));
        d.put("shmat", (c, o) -> o.decimalInt(c.arg(0)).comma().pointer(c.arg(1)).comma()
                .flags("shmat", c.arg(2), "SHM_???").result(ResultFormat.HEX));
        d.put("shmdt", (c, o) -> o.pointer(c.arg(0)));
    }

    /** The mapping type by name, then the other flags, then the huge page size as N<<MAP_HUGE_SHIFT. */
    private static void mmapFlags(ArgPrinter o, long flags) {
        o.xval("mmap", flags & MAP_TYPE, "MAP_???");
        long rest = flags & ~MAP_TYPE;
        long huge = rest & MAP_HUGE_MASK;
        rest &= ~MAP_HUGE_MASK;
        if (rest != 0) {
            StringBuilder text = o.builder().append('|');
            if (!XlatTables.get("mmap").appendFlags(text, rest)) {
                text.append(Numbers.hex(rest));
            }
        }
        if (huge != 0) {
            o.text("|").unsigned(huge >>> MAP_HUGE_SHIFT).text("<<MAP_HUGE_SHIFT");
        }
    }
}
