package dev.tracekit.strace;

import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.tracekit.strace.Calls.bytes;
import static dev.tracekit.strace.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole logs made by hand, printed as strace -f -o prints them: line order, interleaving
 * threads, calls that never return, signals, exits, and the options.
 */
class StraceTextTest {
    /** Monotonic 0 is 2024-05-06 07:08:09 UTC. */
    private static final long WALL_AT_ZERO = Instant.parse("2024-05-06T07:08:09Z").getEpochSecond() * 1_000_000_000L;
    private static final long MS = 1_000_000;
    private static final long US = 1_000;
    private static final StraceOptions UTC = StraceOptions.defaults().withZone(ZoneOffset.UTC);
    private static final long BUF = 0x7ffd0000L;

    private static Syscall at(Syscall call, long time, long duration) {
        return new Syscall(time, call.tid(), call.number(), call.args(), duration, call.result(), call.captures());
    }

    private static SyscallEntry at(SyscallEntry call, long time) {
        return new SyscallEntry(time, call.tid(), call.number(), call.args(), call.captures());
    }

    /** A thread of process 100 found at attach: lines of others wait for what it may still print. */
    private static ThreadInfo thread(int tid) {
        return new ThreadInfo(0, tid, 100, "t" + tid);
    }

    private static String print(StraceOptions options, TraceEvent... events) throws IOException {
        TraceHeader header = new TraceHeader("x86_64", "6.1.0", "test", 0, WALL_AT_ZERO, "test", List.of(), Map.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (TraceWriter writer = TraceWriter.to(log, header, TraceWriter.Options.DEFAULT)) {
            for (TraceEvent event : events) {
                writer.write(event);
            }
        }
        StringWriter text = new StringWriter();
        try (TraceReader reader = TraceReader.from(new ByteArrayInputStream(log.toByteArray()))) {
            StraceText.write(reader, text, options);
        }
        return text.toString();
    }

    @Test
    void aCallAloneIsOneLineWithItsResultAtColumn40() throws IOException {
        assertEquals("""
                100   07:08:09.001000 close(3)          = 0 <0.000002>
                100   07:08:09.002000 write(1, "hello\\n", 6) = 6 <0.000010>
                """, print(UTC,
                at(call("close", 3).returning(0), MS, 2 * US),
                at(call("write", 1, BUF, 6).entry(BUF, bytes("hello\n")).returning(6), 2 * MS, 10 * US)));
    }

    @Test
    void anotherThreadsLineSplitsACallIntoUnfinishedAndResumed() throws IOException {
        // The log holds calls at their exit: the long read comes after the write it surrounds.
        assertEquals("""
                100   07:08:09.001000 read(3,  <unfinished ...>
                101   07:08:09.002000 write(1, "x", 1)  = 1 <0.001000>
                100   07:08:09.005000 <... read resumed>"hi", 16) = 2 <0.004000>
                """, print(UTC, thread(100), thread(101),
                at(call("write", 1, BUF, 1).tid(101).entry(BUF, bytes("x")).returning(1), 2 * MS, MS),
                at(call("read", 3, BUF, 16).exit(BUF, bytes("hi")).returning(2), MS, 4 * MS)));
    }

    @Test
    void callsDecodedAtEntryEndWithoutACommaWhenSplit() throws IOException {
        assertEquals("""
                100   07:08:09.001000 set_robust_list(0x7f0000001000, 24 <unfinished ...>
                101   07:08:09.002000 getpid()          = 101 <0.000001>
                100   07:08:09.003000 <... set_robust_list resumed>) = 0 <0.002000>
                """, print(UTC, thread(100), thread(101),
                at(call("getpid").tid(101).returning(101), 2 * MS, US),
                at(call("set_robust_list", 0x7f0000001000L, 24).returning(0), MS, 2 * MS)));
    }

    @Test
    void exitGroupNeverReturnsAndTheProcessExits() throws IOException {
        assertEquals("""
                100   07:08:09.001000 exit_group(3)     = ?
                100   07:08:09.002000 +++ exited with 3 +++
                """, print(UTC, at(call("exit_group", 3).entered(), MS), new Exit(2 * MS, 100, 3 << 8)));
    }

    @Test
    void aThreadKilledInsideACallShowsItUnfinished() throws IOException {
        assertEquals("""
                101   07:08:09.001000 read(0,  <unfinished ...>
                100   07:08:09.002000 exit_group(0 <unfinished ...>
                101   07:08:09.003000 <... read resumed> <unfinished ...>) = ?
                101   07:08:09.003000 +++ exited with 0 +++
                100   07:08:09.005000 <... exit_group resumed>) = ?
                100   07:08:09.005000 +++ exited with 0 +++
                """, print(UTC, thread(100), thread(101),
                at(call("exit_group", 0).entered(), 2 * MS),
                at(call("read", 0, BUF, 16).tid(101).entered(), MS),
                new Exit(3 * MS, 101, 0),
                new Exit(5 * MS, 100, 0)));
    }

    @Test
    void signalsAndDeathBySignal() throws IOException {
        byte[] alarm = Calls.struct(128).s32(0, 14).s32(8, 0x80).build();
        byte[] child = Calls.struct(128).s32(0, 17).s32(8, 1).s32(16, 4242).s32(24, 0).s64(32, 3).build();
        assertEquals("""
                100   07:08:09.001000 --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
                100   07:08:09.002000 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4242, si_uid=0, \
                si_status=0, si_utime=3 /* 0.03 s */, si_stime=0} ---
                100   07:08:09.003000 +++ killed by SIGSEGV (core dumped) +++
                """, print(UTC,
                new SignalDelivery(MS, 100, 14, 0x80, 0, 0, ByteString.copyOf(alarm)),
                new SignalDelivery(2 * MS, 100, 17, 1, 4242, 0, ByteString.copyOf(child)),
                new Exit(3 * MS, 100, 11 | 0x80)));
    }

    /** strace -n: a thread's signal and exit lines carry the number of its last call; 0 before its first. */
    @Test
    void syscallNumbersOfEachThreadsLastCall() throws IOException {
        byte[] alarm = Calls.struct(128).s32(0, 14).s32(8, 0x80).build();
        assertEquals("""
                100   07:08:09.001000 [   0] read(3,  <unfinished ...>
                101   07:08:09.002000 [   0] --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
                101   07:08:09.003000 [  39] getpid()   = 101 <0.000001>
                100   07:08:09.005000 [   0] <... read resumed>"hi", 16) = 2 <0.004000>
                101   07:08:09.006000 [  39] --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
                101   07:08:09.007000 [ 231] exit_group(0) = ?
                101   07:08:09.008000 [ 231] +++ exited with 0 +++
                """, print(UTC.withSyscallNumbers(true), thread(100), thread(101),
                new SignalDelivery(2 * MS, 101, 14, 0x80, 0, 0, ByteString.copyOf(alarm)),
                at(call("getpid").tid(101).returning(101), 3 * MS, US),
                at(call("read", 3, BUF, 16).exit(BUF, bytes("hi")).returning(2), MS, 4 * MS),
                new SignalDelivery(6 * MS, 101, 14, 0x80, 0, 0, ByteString.copyOf(alarm)),
                at(call("exit_group", 0).tid(101).entered(), 7 * MS),
                new Exit(8 * MS, 101, 0)));
    }

    @Test
    void aCallStillOpenWhenTheLogEndsWasDetached() throws IOException {
        assertEquals("100   07:08:09.001000 read(0,  <detached ...>\n",
                print(UTC, at(call("read", 0, BUF, 16).entered(), MS)));
    }

    @Test
    void execveInANonLeaderThreadSupersedesTheLeader() throws IOException {
        Syscall execve = call("execve", BUF, 0, 0).tid(100).string(BUF, "/bin/true").returning(0);
        assertEquals("""
                101   07:08:09.001000 execve("/bin/true", NULL, NULL <pid changed to 100 ...>
                100   07:08:09.002000 +++ superseded by execve in pid 101 +++
                100   07:08:09.003000 <... execve resumed>) = 0 <0.002000>
                """, print(UTC, thread(100), thread(101), new Exec(2 * MS, 100, 101), at(execve, MS, 2 * MS)));
    }

    @Test
    void theLeaderOfAnExecingThreadNeverReturnsFromItsCall() throws IOException {
        Syscall execve = call("execve", BUF, 0, 0).tid(100).string(BUF, "/bin/true").returning(0);
        assertEquals("""
                100   07:08:09.001000 pause( <unfinished ...>
                101   07:08:09.002000 execve("/bin/true", NULL, NULL <unfinished ...>
                100   07:08:09.003000 <... pause resumed>) = ?
                100   07:08:09.003000 +++ superseded by execve in pid 101 +++
                100   07:08:09.004000 <... execve resumed>) = 0 <0.002000>
                """, print(UTC, thread(100), thread(101), at(call("pause").entered(), MS), new Exec(3 * MS, 100, 101),
                at(execve, 2 * MS, 2 * MS)));
    }

    @Test
    void timestampStyles() throws IOException {
        Syscall[] calls = {at(call("getpid").returning(100), MS, 2 * US),
            at(call("getuid").returning(0), 1500 * US, US)};
        assertEquals("""
                100   getpid()                          = 100
                100   getuid()                          = 0
                """, print(StraceOptions.plain(), calls[0], calls[1]));
        assertEquals("""
                100   07:08:09 getpid()                 = 100 <0.000002>
                100   07:08:09 getuid()                 = 0 <0.000001>
                """, print(UTC.withTimestamps(TimestampStyle.SECONDS), calls[0], calls[1]));
        assertEquals("""
                100   1714979289.001000 getpid()        = 100
                100   1714979289.001500 getuid()        = 0
                """, print(UTC.withTimestamps(TimestampStyle.EPOCH).withDurations(false), calls[0], calls[1]));
        assertEquals("""
                100        0.000000 getpid()            = 100
                100        0.000500 getuid()            = 0
                """, print(UTC.withTimestamps(TimestampStyle.RELATIVE).withDurations(false), calls[0], calls[1]));
        assertEquals("""
                100   10:08:09.001000 getpid()          = 100
                100   10:08:09.001500 getuid()          = 0
                """, print(UTC.withZone(ZoneOffset.ofHours(3)).withDurations(false), calls[0], calls[1]));
    }

    @Test
    void traceSetSelectsCallsButKeepsSignalsAndExits() throws IOException {
        assertEquals("""
                100   unlink("/tmp/x")                  = 0
                100   +++ exited with 0 +++
                """, print(StraceOptions.plain().withTraceSet("%file"),
                at(call("getpid").returning(100), MS, US),
                at(call("unlink", BUF).string(BUF, "/tmp/x").returning(0), 2 * MS, US),
                new Exit(3 * MS, 100, 0)));
    }

    @Test
    void fdPathsFollowOpensDupsAndCloses() throws IOException {
        StraceOptions y = StraceOptions.plain().withFdPaths(true);
        assertEquals("""
                100   openat(AT_FDCWD</home/me>, "../me/./notes", O_RDONLY) = 3</home/me/notes>
                100   dup2(3</home/me/notes>, 7</dev/pts/0>) = 7</home/me/notes>
                100   close(3</home/me/notes>)          = 0
                100   read(7</home/me/notes>, "", 16)   = 0
                100   pipe2([3<pipe:[?]>, 4<pipe:[?]>], O_CLOEXEC) = 0
                101   write(4<pipe:[?]>, "x", 1)        = 1
                """, print(y,
                new ProcessInfo(0, 100, 1, "/bin/x", List.of("x"), "/home/me"),
                new ThreadInfo(0, 100, 100, "x"),
                new OpenFd(0, 100, 7, "/dev/pts/0"),
                at(call("openat", -100, BUF, 0).string(BUF, "../me/./notes").returning(3), MS, US),
                at(call("dup2", 3, 7).returning(7), 2 * MS, US),
                at(call("close", 3).returning(0), 3 * MS, US),
                at(call("read", 7, BUF, 16).exit(BUF, new byte[0]).returning(0), 4 * MS, US),
                at(call("pipe2", BUF, 0x80000).exit(BUF, Calls.ints(3, 4)).returning(0), 5 * MS, US),
                new ChildCreated(6 * MS, 100, 101, ChildCreated.Kind.FORK),
                at(call("write", 4, BUF, 1).tid(101).entry(BUF, bytes("x")).returning(1), 7 * MS, US)));
    }

    @Test
    void stringOptionsApplyToEveryQuotedValue() throws IOException {
        Syscall write = at(call("write", 1, BUF, 12).entry(BUF, bytes("caf\u00e9 au\tlait")).returning(12), MS, US);
        assertEquals("100   write(1, \"caf\\351 au\\tlait\", 12)  = 12\n", print(StraceOptions.plain(), write));
        assertEquals("100   write(1, \"\\x63\\x61\\x66\\xe9\\x20\\x61\\x75\\x09\\x6c\\x61\\x69\\x74\", 12) = 12\n",
                print(StraceOptions.plain().withHexStrings(HexStrings.NON_ASCII), write));
        assertEquals("100   write(1, \"\\x63\\x61\\x66\\xe9\\x20\\x61\\x75\\x09\\x6c\\x61\\x69\\x74\", 12) = 12\n",
                print(StraceOptions.plain().withHexStrings(HexStrings.ALL), write));
        assertEquals("100   write(1, \"caf\\351 \"..., 12)       = 12\n",
                print(StraceOptions.plain().withStringLimit(5), write));
    }

    @Test
    void argumentsOfTheSameCallStayTogetherWhenRenderedAlone() {
        SyscallRenderer renderer = new SyscallRenderer(Calls.X86_64, StraceOptions.plain());
        Syscall wait = call("wait4", -1, BUF, 0, 0).exit(BUF, Calls.ints(0)).returning(42);
        assertEquals("-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", renderer.arguments(wait));
        assertEquals("42", renderer.result(wait));
        assertEquals("wait4", renderer.name(wait.number()));
    }

    @Test
    void manyLinesWhileAThreadBlocksStayInOrder() throws IOException {
        TraceEvent[] events = new TraceEvent[1003];
        events[0] = thread(100);
        events[1] = thread(101);
        for (int i = 0; i < 1000; i++) {
            events[i + 2] = at(call("getpid").tid(101).returning(100), (i + 2) * US, 100);
        }
        events[1002] = at(call("read", 0, BUF, 16).exit(BUF, bytes("z")).returning(1), US, 2000 * US);
        List<String> lines = print(StraceOptions.plain(), events).lines().toList();
        assertEquals("100   read(0,  <unfinished ...>", lines.get(0));
        assertEquals("100   <... read resumed>\"z\", 16)        = 1", lines.get(1001));
        assertEquals(1002, lines.size());
    }

    @Test
    void argumentsAreKeptAcrossChunksOfCallsFromSeveralThreads() throws IOException {
        SyscallEntry futex = call("futex", 0x7f0000000a4cL, 128, 2, 0).tid(102).entered();
        assertEquals("""
                102   futex(0x7f0000000a4c, FUTEX_WAIT_PRIVATE, 2, NULL) = ?
                102   +++ exited with 0 +++
                """, print(StraceOptions.plain(), at(futex, MS), new Exit(2 * MS, 102, 0)));
    }
}
