package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineParserTest {
    private static final LocalDateTime WRITTEN = LocalDateTime.of(2024, 3, 1, 12, 0);

    @TempDir
    Path dir;

    private static Line parse(String text) {
        Line line = new Line();
        assertTrue(new LineParser(new Clock(ZoneOffset.UTC, WRITTEN)).parse(text, line), () -> text + ": " + line.error);
        return line;
    }

    private static String error(String text) {
        Line line = new Line();
        assertFalse(new LineParser(new Clock(ZoneOffset.UTC, WRITTEN)).parse(text, line), text);
        return line.error;
    }

    @Test
    void everyPidPrefix() {
        assertEquals(Line.NONE, parse("read(3, \"a\", 1) = 1").tid);
        assertEquals(123, parse("123   read(3, \"a\", 1) = 1").tid);
        assertEquals(42, parse("[pid    42] read(3, \"a\", 1) = 1").tid);
        Line comm = parse("[pid 42<my prog>] read(3, \"a\", 1) = 1");
        assertEquals(42, comm.tid);
        assertEquals("my prog", comm.comm);
        Line dashY = parse("30656<fork_exec> brk(NULL)              = 0x557ca4f16000");
        assertEquals(30656, dashY.tid);
        assertEquals("fork_exec", dashY.comm);
        assertEquals("malformed [pid N] prefix", error("[pid 42 read(3) = 1"));
    }

    @Test
    void everyTimestampStyle() {
        long noon = WRITTEN.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        assertEquals(noon - 3600_000_000_000L + 5_000_000_000L, parse("11:00:05 getpid() = 1").time, "-t");
        assertEquals(noon - 3600_000_000_000L + 123_456_000L, parse("1 11:00:00.123456 getpid() = 1").time, "-tt");
        assertEquals(noon - 3600_000_000_000L + 123_456_789L, parse("11:00:00.123456789 getpid() = 1").time, "ns");
        assertEquals(1_700_000_000_123_456_000L, parse("1700000000.123456 getpid() = 1").time, "-ttt");
        assertEquals(1_700_000_000_123_456_789L, parse("[pid 7] 1700000000.123456789 getpid() = 1").time, "-ttt ns");
        assertEquals(12_000L, parse("     0.000012 getpid() = 1").time, "-r");
        assertEquals(noon - 3600_000_000_000L, parse("11:00:00.000000 (+     0.000012) getpid() = 1").time, "-t with -r");
        assertEquals("timestamp not understood or in another style than the first", error("11:00:61x getpid() = 1"));
    }

    @Test
    void aTimeOfDayLaterThanTheFileWasWrittenIsFromTheDayBeforeAndMidnightRollsOver() {
        LineParser parser = new LineParser(new Clock(ZoneOffset.UTC, WRITTEN));
        Line line = new Line();
        parser.parse("23:59:59.500000 getpid() = 1", line);
        long before = line.time;
        parser.parse("00:00:00.250000 getpid() = 1", line);
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 500_000_000).toEpochSecond(ZoneOffset.UTC),
                before / 1_000_000_000L);
        assertEquals(750_000_000L, line.time - before);
    }

    @Test
    void mixedTimestampStylesAreRefused() {
        LineParser parser = new LineParser(new Clock(ZoneOffset.UTC, WRITTEN));
        Line line = new Line();
        assertTrue(parser.parse("1700000000.123456 getpid() = 1", line));
        assertFalse(parser.parse("11:00:00.123456 getpid() = 1", line));
    }

    @Test
    void numbersAndInstructionPointers() {
        Line line = parse("1795789730.036112987 [   3] [00007f3d033999f0] close(3) = 0 <0.000006>");
        assertEquals(3, line.number);
        assertEquals("close", line.name);
        assertEquals(6_000, line.duration);
        assertEquals(Line.Kind.EXIT, parse("[ 231] [????????????????] +++ exited with 0 +++").kind);
        assertEquals("malformed [number] or [address] field", error("[ 3] [zz] close(3) = 0"));
    }

    @Test
    void argumentsEndAtTheirOwnParenthesis() {
        Line line = parse("write(1, \"a) = 3 \\\"(\", 9) = 9");
        assertEquals("1, \"a) = 3 \\\"(\", 9", line.args);
        assertEquals(9, line.ret);
        Line nested = parse("poll([{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN}]) <0.000010>");
        assertEquals("[{fd=3, events=POLLIN}], 1, 0", nested.args);
        assertEquals("1 ([{fd=3, revents=POLLIN}])", nested.result);
        assertFalse(nested.resultDerived);
        Line comment = parse("execve(\"/bin/ls\", [\"ls\"], 0x7ffd /* 35 vars) */) = 0");
        assertEquals("\"/bin/ls\", [\"ls\"], 0x7ffd /* 35 vars) */", comment.args);
        Line truncated = parse("read(3, \"abcd\"..., 832) = 832");
        assertEquals("3, \"abcd\"..., 832", truncated.args);
        Line unbalanced = parse("openat(AT_FDCWD</a(b>, \"x\", O_RDONLY) = 3</a(b/x>");
        assertEquals("AT_FDCWD</a(b>, \"x\", O_RDONLY", unbalanced.args);
        assertEquals("no closing parenthesis", error("read(3, \"abc\", 3"));
        assertEquals("no ' = result'", error("read(3, \"abc\", 3) 3"));
    }

    @Test
    void everyKindOfResult() {
        Line failed = parse("openat(AT_FDCWD, \"/x\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000020>");
        assertEquals(-2, failed.ret);
        assertTrue(failed.resultDerived);
        assertEquals(20_000, failed.duration);
        Line raw = parse("openat(-100, \"/x\", 0) = -1 (errno 2)");
        assertEquals(-2, raw.ret);
        assertFalse(raw.resultDerived);
        Line hex = parse("brk(NULL) = 0x55cec1f7a000");
        assertEquals(0x55cec1f7a000L, hex.ret);
        assertFalse(hex.resultDerived);
        Line fd = parse("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3</etc/passwd> <0.000011>");
        assertEquals(3, fd.ret);
        assertEquals("3</etc/passwd>", fd.result);
        assertEquals(11_000, fd.duration);
        Line never = parse("exit_group(0)                           = ?");
        assertFalse(never.returned);
        assertTrue(never.resultDerived);
        Line restart = parse("wait4(-1, 0x7ffd, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
        assertTrue(restart.returned);
        assertEquals(-512, restart.ret);
        assertEquals(0, parse("select(0, NULL, NULL, NULL, {tv_sec=0, tv_usec=1}) = 0 (Timeout)").ret);
        assertEquals("return value not understood", error("read(3) = abc"));
        assertEquals("return value out of range", error("read(3) = 9999999999999999999"));
    }

    @Test
    void unfinishedAndResumed() {
        Line unfinished = parse("25765 14:28:13.660372 wait4(25766,  <unfinished ...>");
        assertEquals(Line.Kind.UNFINISHED, unfinished.kind);
        assertEquals("25766, ", unfinished.args);
        Line resumed = parse("25765 14:28:13.667750 <... wait4 resumed>[{WIFEXITED(s)}], 0, NULL) = 25766 <0.007354>");
        assertEquals(Line.Kind.RESUMED, resumed.kind);
        assertEquals("wait4", resumed.name);
        assertEquals("[{WIFEXITED(s)}], 0, NULL) = 25766 <0.007354>", resumed.args);
        assertEquals(Line.Kind.UNFINISHED, parse("123 read(3,  <detached ...>").kind);
        assertEquals("malformed '<... NAME resumed>'", error("<... read resumed"));
    }

    @Test
    void signalsExitsAndNotes() {
        Line signal = parse("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=25766<true>, si_uid=1000, si_status=0} ---");
        assertEquals("SIGCHLD", signal.signal);
        assertEquals(1, signal.signalCode);
        assertEquals(25766, signal.senderPid);
        assertEquals(1000L, signal.senderUid);
        assertEquals(Line.Kind.OTHER, parse("--- stopped by SIGSTOP ---").kind);
        Line exited = parse("+++ exited with 3 +++");
        assertEquals(3, exited.exitCode);
        Line killed = parse("[pid 9] +++ killed by SIGSEGV (core dumped) +++");
        assertEquals("SIGSEGV", killed.killedBy);
        assertTrue(killed.coreDumped);
        Line superseded = parse("100 +++ superseded by execve in pid 101 +++");
        assertEquals(Line.Kind.SUPERSEDED, superseded.kind);
        assertEquals(101, superseded.otherTid);
        Line attached = parse("strace: Process 4242 attached");
        assertEquals(Line.Kind.ATTACHED, attached.kind);
        assertEquals(4242, attached.otherTid);
        assertEquals(Line.Kind.OTHER, parse("strace: Process 4242 detached").kind);
        assertEquals("unknown '+++' line", error("+++ vanished +++"));
        assertEquals("signal line without its closing '---'", error("--- SIGCHLD {si_signo=SIGCHLD"));
    }

    @Test
    void framesHexdumpsAndSummaries() {
        Line frame = parse(" > /usr/lib/x86_64-linux-gnu/libc.so.6(__read+0x12) [0x10e1d2]");
        assertEquals("/usr/lib/x86_64-linux-gnu/libc.so.6", frame.module);
        assertEquals("__read", frame.symbol);
        assertEquals(0x12L, frame.symbolOffset);
        assertEquals(0x10e1d2L, frame.address);
        Line bare = parse(" > /usr/bin/app() [0x1234]");
        assertNull(bare.symbol);
        assertEquals(Line.Kind.OTHER, parse(" | 00000  76 6d 0a                                          vm.              |").kind);
        LineParser parser = new LineParser(new Clock(ZoneOffset.UTC, WRITTEN));
        Line line = new Line();
        List<Line.Kind> kinds = new ArrayList<>();
        for (String text : new String[] {"% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 49.72    0.060329       20109         3           clock_nanosleep",
                "100.00    0.121350        1709        71         4 total"}) {
            assertTrue(parser.parse(text, line));
            kinds.add(line.kind);
        }
        assertEquals(List.of(Line.Kind.OTHER, Line.Kind.OTHER, Line.Kind.COUNT, Line.Kind.OTHER), kinds);
        assertFalse(parser.parse(" 49.72    0.060329       20109         3           clock_nanosleep", line), "the table ended");
    }
}
