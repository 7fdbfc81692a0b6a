package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fds table from hand-written strace text: each row exact, times in µs after 1700000000 s. */
class StraceFdsTest {
    private static final String ROWS = """
            SELECT pid, fd, path, (epoch_ns(opened) - 1700000000000000000) // 1000,
                   (epoch_ns(closed) - 1700000000000000000) // 1000, opened_by
            FROM fds ORDER BY pid, fd, opened""";

    @TempDir
    Path dir;

    @Test
    void opensDupsPipesClosesAndForksAsFdTrackerDoesForLogs() throws Exception {
        assertEquals(List.of(
                "100|3|/etc/passwd|1|3|openat",
                "100|4|pipe|4|11|pipe2",
                "100|5|pipe|4|11|pipe2",
                "100|10|/etc/passwd|2|10|dup2",
                "101|4|pipe|7|8|fork",
                "101|5|pipe|7|8|fork",
                "101|10|/etc/passwd|7|9|fork"), fds("""
                100 1700000000.000001 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
                100 1700000000.000002 dup2(3, 10) = 10
                100 1700000000.000003 close(3) = 0
                100 1700000000.000004 pipe2([4, 5], O_CLOEXEC) = 0
                100 1700000000.000005 open("/missing", O_RDONLY) = -1 ENOENT (No such file or directory)
                100 1700000000.000006 openat(AT_FDCWD, "/never/returned", O_RDONLY <unfinished ...>
                100 1700000000.000007 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 101
                101 1700000000.000008 execve("/bin/true", ["true"], 0x7ffd5c6a3e48 /* 3 vars */) = 0
                101 1700000000.000009 +++ exited with 0 +++
                100 1700000000.000010 close(10) = 0
                100 1700000000.000011 +++ exited with 0 +++
                """));
    }

    @Test
    void withDashYTheResolvedPathsAndTheDecoratedDescriptorsCount() throws Exception {
        assertEquals(List.of(
                "200|3|/home/u/data, 1.txt|1|8|openat",
                "200|4|/home/u/data, 1.txt|2|8|fcntl",
                "200|5|/tmp/open before|3|7|dup",
                "200|6|socket|4|7|socket",
                "200|7|/home/u/a|9|null|open",
                "200|9|/tmp/open before|null|7|null"), fds("""
                200 1700000000.000001 openat(AT_FDCWD</home/u>, "data, 1.txt", O_RDONLY) = 3</home/u/data, 1.txt>
                200 1700000000.000002 fcntl(3</home/u/data, 1.txt>, F_DUPFD_CLOEXEC, 0) = 4</home/u/data, 1.txt>
                200 1700000000.000003 dup(9</tmp/open before>) = 5</tmp/open before>
                200 1700000000.000004 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 6<socket:[123]>
                200 1700000000.000005 fcntl(3</home/u/data, 1.txt>, F_SETFD, FD_CLOEXEC) = 0
                200 1700000000.000006 fcntl(3</home/u/data, 1.txt>, F_GETFD) = 0x1 (flags FD_CLOEXEC)
                200 1700000000.000007 close_range(5, ~0U, 0) = 0
                200 1700000000.000008 execve("/bin/true", ["true"], 0x7ffd5c6a3e48 /* 3 vars */) = 0
                200 1700000000.000009 open("a", O_RDONLY) = 7</home/u/a>
                """));
    }

    @Test
    void threadsShareTheirProcessTableAndUnprefixedLinesGetTheirPid() throws Exception {
        assertEquals(List.of(
                "300|3|/x|1|3|open",
                "300|4|/y|4|null|open"), fds("""
                1700000000.000001 open("/x", O_RDONLY) = 3
                1700000000.000002 clone(child_stack=0x7f00, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM) = 301
                [pid   301] 1700000000.000003 close(3) = 0
                [pid   300] 1700000000.000004 open("/y", O_RDONLY) = 4
                """));
    }

    @Test
    void whatTheUnprefixedLinesOpenedIsClosedOnceTheirPidIsKnown() throws Exception {
        assertEquals(List.of(
                "700|3|/x|1|5|open",
                "701|3|/x|2|4|fork"), fds("""
                1700000000.000001 open("/x", O_RDONLY) = 3
                1700000000.000002 clone(child_stack=NULL, flags=SIGCHLD) = 701
                [pid   701] 1700000000.000003 exit_group(0) = ?
                [pid   701] 1700000000.000004 +++ exited with 0 +++
                [pid   700] 1700000000.000005 close(3) = 0
                """));
    }

    @Test
    void aThreadsCallsBeforeItsCloneReturnedCountForItsProcess() throws Exception {
        assertEquals(List.of("400|3|/t|2|4|openat"), fds("""
                400 1700000000.000001 clone3({flags=CLONE_VM|CLONE_FILES|CLONE_THREAD, exit_signal=0, stack=0x7f00}, 88 <unfinished ...>
                401 1700000000.000002 openat(AT_FDCWD, "/t", O_RDONLY) = 3
                400 1700000000.000003 <... clone3 resumed>) = 401
                400 1700000000.000004 close(3) = 0
                """));
    }

    @Test
    void withDashYDescriptorsOpenBeforeStraceAppearWhenUsed() throws Exception {
        assertEquals(List.of(
                "500|1|/tmp/log|2|null|dup2",
                "500|1|/dev/pts/0|null|2|null",
                "500|3|/tmp/log|null|3|null"), fds("""
                500 1700000000.000001 write(1</dev/pts/0>, "hi\\n", 3) = 3
                500 1700000000.000002 dup2(3</tmp/log>, 1</dev/pts/0>) = 1</tmp/log>
                500 1700000000.000003 close(3</tmp/log>) = 0
                """));
    }

    @Test
    void aCloseThatCameBackAfterAnotherThreadReusedTheNumberIsLate() throws Exception {
        assertEquals(List.of(
                "600|3|/t0|1|3|openat",
                "600|3|/t1|3|5|openat"), fds("""
                600 1700000000.000000 clone(child_stack=0x7f00, flags=CLONE_VM|CLONE_FILES|CLONE_THREAD) = 601
                600 1700000000.000001 openat(AT_FDCWD, "/t0", O_RDONLY) = 3</t0>
                600 1700000000.000002 close(3</t0> <unfinished ...>
                601 1700000000.000003 openat(AT_FDCWD, "/t1", O_RDONLY) = 3</t1>
                600 1700000000.000004 <... close resumed>) = 0
                601 1700000000.000005 close(3</t1>) = 0
                """));
    }

    private List<String> fds(String text) throws Exception {
        Path file = dir.resolve("trace.txt");
        Files.writeString(file, text);
        try (Imported imported = Imported.of(List.of(file))) {
            assertEquals(0, imported.result.skipped(), "lines understood");
            return imported.rows(ROWS);
        }
    }
}
