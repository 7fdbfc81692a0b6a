package dev.tracekit.stack.proc;

import dev.tracekit.record.Samples;
import dev.tracekit.stack.elf.ElfImage;
import dev.tracekit.stack.elf.ElfSegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc/PID/maps lines, and the load bias of PIE and non-PIE executables. */
class ProcessMapTest {
    private static final List<String> MAPS = List.of(
            "55e1be698000-55e1be699000 r--p 00000000 08:01 1234   /usr/bin/sample",
            "55e1be699000-55e1be69a000 r-xp 00001000 08:01 1234   /usr/bin/sample",
            "7f8b6c200000-7f8b6c222000 r-xp 00022000 103:02 99 /lib/libc.so.6 (deleted)",
            "7ffd1e5f0000-7ffd1e5f2000 r-xp 00000000 00:00 0                          [vdso]",
            "7ffd1e400000-7ffd1e421000 rw-p 00000000 00:00 0                          [stack]");

    @Test
    void parsesAndFinds() {
        ProcessMap map = ProcessMap.parse(MAPS);
        ProcessMap.Entry text = map.find(0x55e1be699abcL);
        assertTrue(text.executable());
        assertEquals(0x1000, text.offset());
        assertEquals(1234, text.inode());
        assertEquals(8L << 32 | 1, text.device());
        assertEquals("/lib/libc.so.6", map.find(0x7f8b6c200000L).filePath());
        assertFalse(map.find(0x7ffd1e400000L).executable());
        assertFalse(map.find(0x7ffd1e5f0000L).isFile());
        assertNull(map.find(0x1000));
        assertNull(map.find(0x7f8b6c222000L), "end is exclusive");
    }

    /** bias = start - offset - (p_vaddr - p_offset) of the PT_LOAD holding the offset. */
    @Test
    void loadBias() throws Exception {
        for (String flag : List.of("-pie", "-no-pie")) {
            ElfImage image = ElfImage.open(Samples.variant("chain-bias" + flag, "stack_chain.c", false, flag, flag.equals("-pie") ? "-fPIE" : "-fno-PIE"));
            ElfSegment text = image.segments().stream()
                    .filter(s -> s.type() == ElfSegment.PT_LOAD && (s.flags() & ElfSegment.PF_X) != 0).findFirst().orElseThrow();
            long start = flag.equals("-pie") ? 0x55e1be698000L + (text.vaddr() & ~0xfffL) : text.vaddr() & ~0xfffL;
            long offset = text.offset() & ~0xfffL;
            long bias = image.loadBias(start, offset);
            assertEquals(flag.equals("-pie") ? 0x55e1be698000L : 0, bias, flag);
        }
    }
}
