package dev.tracekit.stack.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** /tmp/perf-PID.map as JITs write it: hex with or without 0x, repeats, appended over time. */
class PerfMapTest {
    @TempDir
    Path dir;

    @Test
    void lenientAndLastEntryWins() throws Exception {
        Path file = dir.resolve("perf-1.map");
        Files.writeString(file, """
                7f0000001000 40 Interpreter
                0x7f0000002000 0x100 LFoo;bar (compiled)
                not a line
                7f0000002080 20 LFoo;inlined recompiled
                7f0000003000 zz broken size
                """);
        PerfMap map = new PerfMap(file);
        assertEquals("Interpreter", map.find(0x7f0000001010L).name());
        assertNull(map.find(0x7f0000002000L), "the later entry overlapping it replaced the first compile");
        assertEquals("LFoo;inlined recompiled", map.find(0x7f0000002090L).name());
        assertNull(map.find(0x7f0000003000L));
    }

    @Test
    void rereadWhenAMissFindsTheFileChanged() throws Exception {
        Path file = dir.resolve("perf-2.map");
        Files.writeString(file, "1000 10 first\n");
        PerfMap map = new PerfMap(file);
        assertEquals("first", map.find(0x1008).name());
        assertNull(map.find(0x2008));
        Files.writeString(file, "1000 10 first\n2000 10 second\n");
        assertEquals("second", map.find(0x2008).name());
    }

    @Test
    void noFileNoNames() {
        assertNull(new PerfMap(dir.resolve("perf-3.map")).find(0x1000));
    }
}
