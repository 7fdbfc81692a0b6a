package dev.tracekit.stack.elf;

import dev.tracekit.record.Samples;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gcc -gz compresses the debug sections with zlib; inflated, they are what plain -g writes. */
class CompressedSectionTest {
    private static final String[] FLAGS = {"-fomit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g"};

    @Test
    void inflatedDebugFrameEqualsTheUncompressedOne() throws Exception {
        ElfImage plain = ElfImage.open(Samples.variant("chain-debug-frame", "stack_chain.c", false, FLAGS));
        ElfImage compressed = ElfImage.open(Samples.variant("chain-debug-frame-gz", "stack_chain.c", false,
                "-fomit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g", "-gz=zlib"));
        assertFalse(plain.section(".debug_frame").compressed());
        assertTrue(compressed.section(".debug_frame").compressed(), "gcc -gz=zlib compressed .debug_frame");

        ByteBuffer inflated = compressed.sectionBytes(".debug_frame");
        assertNotNull(inflated);
        assertEquals(plain.sectionBytes(".debug_frame"), inflated);
    }

    @Test
    void corruptOrUnknownStreamsAreNull() {
        ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0, 1).putLong(8, 100); // zlib, 100 bytes, then no valid stream
        assertNull(CompressedSection.inflate(header));
        header.putInt(0, 2); // ELFCOMPRESS_ZSTD
        assertNull(CompressedSection.inflate(header));
    }
}
