package dev.tracekit.stack.cfi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tracekit.stack.cfi.EhFrameBuilder.Cfa.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Tables searched in order; the fallback (a separate debug file) opened once, at the first miss. */
class ObjectCfiTest {
    private static CfiTable table(long pcBegin, long pcRange) {
        return CfiTable.scanned(EhFrameBuilder.standard(0x100000).fde(pcBegin, pcRange, bytes()).ehFrame());
    }

    @Test
    void ownTablesFirstThenTheFallbackLoadedOnce() {
        AtomicInteger loads = new AtomicInteger();
        ObjectCfi cfi = new ObjectCfi(List.of(table(0x1000, 0x100), table(0x1000, 0x200)), () -> {
            loads.incrementAndGet();
            return table(0x3000, 0x100);
        });

        assertEquals(0x1100, cfi.find(0x1000).pcEnd(), "the first table that covers the address");
        assertEquals(0x1200, cfi.find(0x1180).pcEnd(), "the second when the first has a gap there");
        assertEquals(0, loads.get(), "no miss yet: the fallback stays closed");
        assertEquals(0x3000, cfi.find(0x3010).pcBegin());
        assertNull(cfi.find(0x5000));
        assertEquals(1, loads.get());
    }

    @Test
    void noFallback() {
        AtomicInteger loads = new AtomicInteger();
        ObjectCfi cfi = new ObjectCfi(List.of(), () -> {
            loads.incrementAndGet();
            return null;
        });
        assertNull(cfi.find(0x1000));
        assertNull(cfi.find(0x2000));
        assertEquals(1, loads.get());
    }
}
