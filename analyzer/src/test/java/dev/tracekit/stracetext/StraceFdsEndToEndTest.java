package dev.tracekit.stracetext;

import dev.tracekit.db.LogImporter;
import dev.tracekit.record.RecordOptions;
import dev.tracekit.record.Recorder;
import dev.tracekit.record.SyscallSupport;
import dev.tracekit.trace.event.TraceHeader;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * syscall_tour under the real {@code strace -f -tt -T -y} and under tracekit's recorder: the fds
 * rows of the two, compared where both can know them (descriptors opened during the recording,
 * by the file name, since -y resolves relative paths and the two runs use directories of their own).
 */
class StraceFdsEndToEndTest {
    /** Each interval that began in the recording: fd, file name (work directories made alike), by what, still open at the end. */
    private static final String INTERVALS = """
            SELECT fd, regexp_replace(regexp_extract(path, '[^/]*$'), '^tour[0-9]+$', 'tour'), opened_by, closed IS NULL FROM fds
            WHERE trace_id = %d AND opened IS NOT NULL AND opened_by <> 'fork' ORDER BY ALL""";

    @TempDir
    Path dir;

    @Test
    void straceTextGivesTheIntervalsARecordingGives() throws Exception {
        Path strace = dir.resolve("tour.strace");
        StraceOutput.toFile(List.of("-f", "-tt", "-T", "-y"), StraceOutput.program("syscall_tour", dir), strace);
        Path log = dir.resolve("tour.trace");
        new Recorder(new RecordOptions(List.of(), StraceOutput.program("syscall_tour", dir), log,
                RecordOptions.DEFAULT_STRING_LIMIT, null, null), SyscallSupport.forThisMachine(),
                List.of("tracekit", "record", "--test"), "test").run();
        try (Imported imported = Imported.of(List.of(strace))) {
            new LogImporter(imported.database.connection(), new NoText()).importLog(log, 2, done -> { });
            List<String> fromStrace = imported.rows(INTERVALS.formatted(imported.result.traceId()));
            assertTrue(fromStrace.contains("3|a.txt|open|false"), String.join("\n", fromStrace));
            assertTrue(fromStrace.contains("20|a.txt|dup2|false"), String.join("\n", fromStrace));
            assertTrue(fromStrace.contains("21|a.txt|dup3|false"), String.join("\n", fromStrace));
            assertEquals(String.join("\n", imported.rows(INTERVALS.formatted(2))), String.join("\n", fromStrace));
            assertEquals("0", imported.value("SELECT count(*) FROM fds WHERE trace_id = 1 AND opened > closed"));
        }
    }

    @Test
    void threadsOpenAndCloseInTheirProcesssTable() throws Exception {
        Path strace = dir.resolve("threads.strace");
        StraceOutput.toFile(List.of("-f", "-tt", "-T", "-y"), StraceOutput.program("file_threads", dir), strace);
        try (Imported imported = Imported.of(List.of(strace))) {
            // four threads, 20 rounds, each opening its file to write and to read back
            assertEquals("160|160|1", imported.value("""
                    SELECT count(*), count(closed), count(DISTINCT pid) FROM fds WHERE path LIKE '%/thread-_.txt'"""));
            assertEquals("0", imported.value("SELECT count(*) FROM fds WHERE pid NOT IN (SELECT pid FROM processes)"));
        }
    }

    /** The fds table does not need the calls' text. */
    private static final class NoText implements LogImporter.ArgumentText {
        @Override
        public String arguments(TraceHeader header, Syscall call) {
            return "";
        }

        @Override
        public String unfinishedArguments(TraceHeader header, SyscallEntry call) {
            return "";
        }

        @Override
        public String result(TraceHeader header, Syscall call) {
            return String.valueOf(call.result());
        }

        @Override
        public String siginfo(SignalDelivery signal) {
            return "";
        }
    }
}
