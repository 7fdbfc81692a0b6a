package dev.tracekit.syscalls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableParserTest {
    private static final String PRELUDE = """
            # a test table
            struct stat 144
            struct iovec 16
            """;

    private static SyscallTable parse(String text) throws IOException {
        return SyscallTableParser.parse("test", "test.tbl", new StringReader(text));
    }

    /** The message of the error that parsing PRELUDE followed by {@code rows} raises. */
    private static String errorFor(String rows) {
        return assertThrows(TableFormatException.class, () -> parse(PRELUDE + rows)).getMessage();
    }

    @Test
    void parsesRowsStructsAndComments() throws IOException {
        SyscallTable table = parse(PRELUDE + """
                0   read    desc       (fd, buf_out:ret, uint)   # trailing comment

                4\tstat\tfile\t(path,struct_out:stat)
                24  sched_yield  -     ()
                """);
        assertEquals(List.of("read", "stat", "sched_yield"), table.all().stream().map(SyscallInfo::name).toList());
        assertEquals(List.of(ArgKind.parse("path"), ArgKind.parse("struct_out:stat")),
                table.byNumber(4).orElseThrow().args());
        assertEquals(16, table.structSizes().sizeOf("iovec").orElseThrow());
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("test.tbl:4: argument 1 of read: unknown argument kind 'bufout'",
                errorFor("0 read desc (fd, bufout:ret, uint)\n"));
    }

    @Test
    void errorLineNumberIsAvailable() {
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> parse(PRELUDE + "0 read desc ()\n\n0 write desc ()\n"));
        assertEquals(6, e.lineNumber());
        assertEquals("test.tbl:6: syscall number 0 is already used on line 4", e.getMessage());
    }

    @Test
    void rowErrors() {
        assertEquals("test.tbl:4: expected 'NUMBER NAME CLASSES SIGNATURE' or 'struct NAME SIZE'",
                errorFor("0 read desc\n"));
        assertEquals("test.tbl:4: syscall number 'x1' is not a decimal number", errorFor("x1 read desc ()\n"));
        assertEquals("test.tbl:4: syscall name 'Read' is not a name (lower-case letters, digits, '_')",
                errorFor("0 Read desc ()\n"));
        assertEquals("test.tbl:5: syscall read is already defined on line 4",
                errorFor("0 read desc ()\n1 read desc ()\n"));
        assertEquals("test.tbl:4: the signature of read must be a parenthesised list, got 'fd,uint'",
                errorFor("0 read desc fd,uint\n"));
        assertEquals("test.tbl:4: mmap has 7 arguments; a system call takes at most 6",
                errorFor("9 mmap memory (ptr, uint, hex, hex, fd, hex, hex)\n"));
    }

    @Test
    void classErrors() {
        assertEquals("test.tbl:4: unknown class 'disk' in 'file,disk' (classes are file desc network process"
                + " signal memory ipc creds clock, or '-' for none)", errorFor("0 read file,disk ()\n"));
        assertEquals("test.tbl:4: class desc is listed twice in 'desc,desc'", errorFor("0 read desc,desc ()\n"));
    }

    @Test
    void kindErrors() {
        assertEquals("test.tbl:4: argument 1 of read: 'buf_out' does not match buf_out:SIZE",
                errorFor("0 read desc (fd, buf_out, uint)\n"));
        assertEquals("test.tbl:4: argument 0 of read: 'fd:3' does not match fd alone",
                errorFor("0 read desc (fd:3)\n"));
        assertEquals("test.tbl:4: argument 1 of read: size '7' is neither an argument index 0..5 nor 'ret'",
                errorFor("0 read desc (fd, buf_out:7, uint)\n"));
        assertEquals("test.tbl:4: argument 1 of open: 'Open' in 'flags:Open' is not a name"
                + " (lower-case letters, digits, '_')", errorFor("2 open file (path, flags:Open)\n"));
        assertEquals("test.tbl:4: argument 1 of read: empty argument",
                errorFor("0 read desc (fd, , uint)\n"));
    }

    @Test
    void referenceErrors() {
        assertEquals("test.tbl:4: argument 1 of write ('buf_in:ret') takes its size from the return value,"
                + " which is known only at exit", errorFor("1 write desc (fd, buf_in:ret, uint)\n"));
        assertEquals("test.tbl:4: argument 1 of read ('buf_out:3') takes its size from argument 3,"
                + " but read has 3 arguments", errorFor("0 read desc (fd, buf_out:3, uint)\n"));
        assertEquals("test.tbl:4: argument 1 of read ('buf_out:1') takes its size from itself",
                errorFor("0 read desc (fd, buf_out:1, uint)\n"));
        assertEquals("test.tbl:4: argument 1 of read ('buf_out:0') takes its size from argument 0, a fd;"
                + " a size must be int, uint or intptr_out", errorFor("0 read desc (fd, buf_out:0, uint)\n"));
        assertEquals("test.tbl:4: argument 1 of write ('buf_in:2') takes its size from intptr_out"
                + " argument 2, which is read only at exit", errorFor("1 write desc (fd, buf_in:2, intptr_out)\n"));
        assertEquals("test.tbl:4: argument 1 of fstat ('struct_out:stat64') names struct stat64,"
                + " which no earlier 'struct stat64 SIZE' line declares", errorFor("5 fstat desc (fd, struct_out:stat64)\n"));
        assertEquals("test.tbl:4: argument 1 of sendmsg ('msghdr_in') needs a 'struct msghdr SIZE' line before it",
                errorFor("46 sendmsg network (fd, msghdr_in, flags:msg)\n"));
    }

    @Test
    void structErrors() {
        assertEquals("test.tbl:4: expected 'struct NAME SIZE'", errorFor("struct timespec\n"));
        assertEquals("test.tbl:4: struct stat is already declared on line 2", errorFor("struct stat 88\n"));
        assertEquals("test.tbl:4: struct size '-8' is not a decimal number", errorFor("struct timespec -8\n"));
        assertEquals("test.tbl:4: struct timespec has size 0", errorFor("struct timespec 0\n"));
    }
}
