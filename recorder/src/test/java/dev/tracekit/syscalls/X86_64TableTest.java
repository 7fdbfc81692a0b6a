package dev.tracekit.syscalls;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.tracekit.syscalls.SyscallClass.CLOCK;
import static dev.tracekit.syscalls.SyscallClass.CREDS;
import static dev.tracekit.syscalls.SyscallClass.DESC;
import static dev.tracekit.syscalls.SyscallClass.FILE;
import static dev.tracekit.syscalls.SyscallClass.IPC;
import static dev.tracekit.syscalls.SyscallClass.MEMORY;
import static dev.tracekit.syscalls.SyscallClass.NETWORK;
import static dev.tracekit.syscalls.SyscallClass.PROCESS;
import static dev.tracekit.syscalls.SyscallClass.SIGNAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class X86_64TableTest {
    private final SyscallTable table = SyscallTable.forArch("x86_64");

    private SyscallInfo info(String name) {
        return table.byName(name).orElseThrow(() -> new AssertionError("no syscall " + name));
    }

    private String signature(String name) {
        return info(name).args().stream().map(ArgKind::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    @Test
    void lookups() {
        assertEquals("read", table.byNumber(0).orElseThrow().name());
        assertEquals(257, info("openat").number());
        assertEquals("x86_64", table.arch());
        assertSame(table, SyscallTable.forArch("x86_64"));
        assertEquals(362, table.all().size());
    }

    @Test
    void unknownNumbersAreEmptyNotErrors() {
        assertTrue(table.byNumber(452).isEmpty());
        assertTrue(table.byNumber(-1).isEmpty());
        assertEquals("syscall_0x1c4", table.displayName(452));
        assertEquals("openat", table.displayName(257));
        assertTrue(table.byName("nosuchcall").isEmpty());
    }

    @Test
    void unknownArchitecture() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyscallTable.forArch("vax"));
        assertEquals("no syscall table for architecture 'vax'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyscallTable.forArch("../syscalls/x86_64"));
    }

    @Test
    void argumentCountsFollowTheKernel() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("read", 3);
        counts.put("write", 3);
        counts.put("open", 3);
        counts.put("close", 1);
        counts.put("mmap", 6);
        counts.put("openat", 4);
        counts.put("execve", 3);
        counts.put("execveat", 5);
        counts.put("clone", 5);
        counts.put("clone3", 2);
        counts.put("futex", 6);
        counts.put("wait4", 4);
        counts.put("select", 5);
        counts.put("pselect6", 6);
        counts.put("ppoll", 5);
        counts.put("sendto", 6);
        counts.put("recvfrom", 6);
        counts.put("rt_sigaction", 4);
        counts.put("rt_sigreturn", 0);
        counts.put("getpid", 0);
        counts.put("exit_group", 1);
        counts.put("ioctl", 3);
        counts.put("prctl", 5);
        counts.put("statx", 5);
        counts.put("newfstatat", 4);
        counts.put("epoll_pwait", 6);
        counts.put("epoll_pwait2", 6);
        counts.put("prlimit64", 4);
        counts.put("preadv", 5); // pos_l, pos_h: the kernel's count, strace shows 4
        counts.put("preadv2", 6);
        counts.put("copy_file_range", 6);
        counts.put("splice", 6);
        counts.put("process_vm_readv", 6);
        counts.put("io_uring_enter", 6);
        counts.put("close_range", 3);
        counts.put("faccessat2", 4);
        counts.put("rseq", 4);
        counts.put("set_robust_list", 2);
        counts.put("waitid", 5);
        counts.put("mremap", 5);
        counts.forEach((name, count) -> assertEquals(count, info(name).args().size(), name));
    }

    @Test
    void commonSignatures() {
        assertEquals("(fd, buf_out:ret, uint)", signature("read"));
        assertEquals("(fd, buf_in:2, uint)", signature("write"));
        assertEquals("(dirfd, path, flags:open, mode)", signature("openat"));
        assertEquals("(ptr, uint, flags:mmap_prot, flags:mmap, fd, hex)", signature("mmap"));
        assertEquals("(path, strarray, strarray)", signature("execve"));
        assertEquals("(array_inout:pollfd:1, uint, int)", signature("poll"));
        assertEquals("(fd, array_out:epoll_event:ret, int, int)", signature("epoll_wait"));
        assertEquals("(fd, sockaddr_out:2, intptr_out)", signature("accept"));
        assertEquals("(fd, buf_out:ret, uint, flags:msg, sockaddr_out:5, intptr_out)", signature("recvfrom"));
        assertEquals("(fd, enum:sockopt_level, enum:sockopt_name, buf_out:4, intptr_out)", signature("getsockopt"));
        assertEquals("(fd, iov_in:2, uint)", signature("writev"));
        assertEquals("(fd, msghdr_out, flags:msg)", signature("recvmsg"));
        assertEquals("(pid, intptr_out, flags:wait, struct_out:rusage)", signature("wait4"));
        assertEquals("(fd, enum:ioctl_request, ptr)", signature("ioctl"));
        assertEquals("(dirfd, path, buf_out:ret, uint)", signature("readlinkat"));
        assertEquals("(buf_out:ret, uint, flags:getrandom)", signature("getrandom"));
        assertEquals("(struct_in:clone_args:1, uint)", signature("clone3"));
        assertEquals("(dirfd, path, flags:at, flags:statx_mask, struct_out:statx)", signature("statx"));
        assertEquals("(int, fdset_inout:0, fdset_inout:0, fdset_inout:0, struct_inout:timeval)", signature("select"));
    }

    @Test
    void classesFollowStrace() {
        assertEquals(Set.of(DESC), info("read").classes());
        assertEquals(Set.of(FILE, DESC), info("openat").classes());
        assertEquals(Set.of(FILE, DESC), info("open").classes());
        assertEquals(Set.of(FILE), info("stat").classes());
        assertEquals(Set.of(DESC), info("fstat").classes());
        assertEquals(Set.of(FILE, DESC), info("newfstatat").classes());
        assertEquals(Set.of(DESC, MEMORY), info("mmap").classes());
        assertEquals(Set.of(NETWORK), info("socket").classes());
        assertEquals(Set.of(DESC, NETWORK), info("sendfile").classes());
        assertEquals(Set.of(FILE, PROCESS), info("execve").classes());
        assertEquals(Set.of(PROCESS, SIGNAL), info("kill").classes());
        assertEquals(Set.of(PROCESS), info("clone").classes());
        assertEquals(Set.of(SIGNAL), info("rt_sigaction").classes());
        assertEquals(Set.of(MEMORY, IPC), info("shmat").classes());
        assertEquals(Set.of(CREDS), info("getuid").classes());
        assertEquals(Set.of(CREDS), info("prctl").classes());
        assertEquals(Set.of(CLOCK), info("clock_gettime").classes());
        assertEquals(Set.of(FILE), info("getcwd").classes());
        assertEquals(Set.of(DESC, PROCESS, SIGNAL), info("pidfd_send_signal").classes());
        assertEquals(Set.of(), info("futex").classes());
        assertEquals(Set.of(), info("close_range").classes());
        assertEquals(Set.of(), info("nanosleep").classes());
    }

    @Test
    void everySignatureRoundTrips() {
        for (SyscallInfo syscall : table.all()) {
            for (ArgKind arg : syscall.args()) {
                assertEquals(arg, ArgKind.parse(arg.toString()), syscall.name());
            }
        }
    }

    @Test
    void everyDeclaredStructIsUsed() {
        Set<String> used = new HashSet<>();
        for (SyscallInfo syscall : table.all()) {
            for (ArgKind arg : syscall.args()) {
                arg.struct().ifPresent(used::add);
                arg.kind().impliedStruct().ifPresent(used::add);
            }
        }
        assertEquals(table.structSizes().names(), used);
    }

    @Test
    void structSizes() {
        StructSizes sizes = table.structSizes();
        assertEquals(144, sizes.sizeOf("stat").orElseThrow());
        assertEquals(256, sizes.sizeOf("statx").orElseThrow());
        assertEquals(12, sizes.sizeOf("epoll_event").orElseThrow());
        assertEquals(16, sizes.sizeOf("iovec").orElseThrow());
        assertEquals(56, sizes.sizeOf("msghdr").orElseThrow());
        assertTrue(sizes.sizeOf("nosuchstruct").isEmpty());
    }

    @Test
    void kindsKnowWhenTheyRead() {
        List<ArgKind> read = info("read").args();
        assertEquals(ArgKind.Reads.NOTHING, read.get(0).kind().reads());
        assertEquals(ArgKind.Reads.AT_EXIT, read.get(1).kind().reads());
        assertEquals(SizeSource.RESULT, read.get(1).size().orElseThrow());
        ArgKind flags = info("openat").args().get(2);
        assertEquals("open", flags.table().orElseThrow());
        assertTrue(flags.struct().isEmpty());
        assertFalse(info("clone").hasClass(FILE));
    }
}
