package dev.tracekit.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceSetFilterTest {
    @TempDir
    Path dir;

    /** -e trace=%file,write keeps exactly the calls strace -f -e trace=%file,write shows. */
    @Test
    void recordsOnlyTheSelectedCalls() throws Exception {
        List<String> command = List.of(Samples.c("file_threads").toString(), dir.toString());
        Path log = dir.resolve("filtered.trace");
        RecordOptions options = new RecordOptions(List.of(), command, log, 32, "%file,write", null);
        new Recorder(options, SyscallSupport.forThisMachine(), List.of("test"), "test").run();

        var recorded = LogCalls.counts(LogCalls.callsByThread(LogCalls.read(log).events()));
        assertTrue(recorded.keySet().containsAll(Set.of("openat", "unlink", "write", "execve")), recorded.toString());
        assertFalse(recorded.containsKey("read") || recorded.containsKey("close") || recorded.containsKey("mmap"), recorded.toString());
        assertEquals(80L, recorded.get("write"));
        assertEquals(80L, recorded.get("unlink"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)), "a log is private");
    }
}
