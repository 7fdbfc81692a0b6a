package dev.tracekit.strace;

import dev.tracekit.trace.event.Syscall;
import org.junit.jupiter.api.Test;

import static dev.tracekit.strace.Calls.bytes;
import static dev.tracekit.strace.Calls.call;
import static dev.tracekit.strace.Calls.concat;
import static dev.tracekit.strace.Calls.ints;
import static dev.tracekit.strace.Calls.longs;
import static dev.tracekit.strace.Calls.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-built calls with the memory the recorder captures, printed as one line. Every expected
 * line is what strace 6.1 printed for such a call (addresses as they were, or made up alike).
 */
class DecoderTest {
    private static final long AT_FDCWD = -100;
    private static final long P = 0x7ffe44b91000L;
    private static final long Q = 0x7ffe44b92000L;

    private final SyscallRenderer renderer = new SyscallRenderer(Calls.X86_64, StraceOptions.plain());

    private String line(Syscall call) {
        CallText text = renderer.text(call);
        return text.name() + "(" + text.arguments() + ") = " + text.result();
    }

    @Test
    void openFlagsAndMode() {
        assertEquals("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3",
                line(call("openat", AT_FDCWD, P, 0x80000).string(P, "/etc/ld.so.cache").returning(3)));
        assertEquals("open(\"/tmp/a.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0640) = 3",
                line(call("open", P, 0x241, 0640).string(P, "/tmp/a.txt").returning(3)));
        assertEquals("open(\"/dev/null\", O_RDWR|O_NOCTTY|O_APPEND|O_NONBLOCK) = 3",
                line(call("open", P, 02 | 0400 | 02000 | 04000).string(P, "/dev/null").returning(3)));
        assertEquals("open(\"/x\", O_RDWR|0x80000000) = -1 EINVAL (Invalid argument)",
                line(call("open", P, 0x80000002L).string(P, "/x").returning(-22)));
        assertEquals("openat(AT_FDCWD, \"/tmp\", O_RDWR|O_TMPFILE, 0600) = 4",
                line(call("openat", AT_FDCWD, P, 0x410002, 0600).string(P, "/tmp").returning(4)));
    }

    @Test
    void buffersAreQuotedAndCut() {
        byte[] elf = Calls.concat(bytes("\177ELF"), new byte[] {2, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, '>', 0, 1, 0,
            0, 0, 0x10, 't', 2, 0, 0, 0, 0, 0});
        assertEquals("read(3, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0"
                + "\\20t\\2\\0\\0\\0\\0\\0\"..., 832) = 832",
                line(call("read", 3, P, 832).exit(P, elf, 832).returning(832)));
        assertEquals("pwrite64(3, \"\\0\\0\\000123\", 6, 100) = 6",
                line(call("pwrite64", 3, P, 6, 100).entry(P, bytes("\0\0\0" + "123")).returning(6)));
        byte[] text = bytes("first line\n\tsecond \"quoted\" line\\ with");
        assertEquals("write(3, \"first line\\n\\tsecond \\\"quoted\\\" line\"..., 71) = 71",
                line(call("write", 3, P, 71).entry(P, java.util.Arrays.copyOf(text, 32), 71).returning(71)));
        assertEquals("read(4, 0x7ffe44b91000, 16) = -1 EAGAIN (Resource temporarily unavailable)",
                line(call("read", 4, P, 16).returning(-11)));
        assertEquals("read(3, \"\", 4096) = 0", line(call("read", 3, P, 4096).exit(P, new byte[0]).returning(0)));
        assertEquals("getrandom(\"\\x24\\x56\\x86\\x6f\\x67\\x94\\x49\\x27\", 8, GRND_NONBLOCK) = 8",
                line(call("getrandom", P, 8, 1).exit(P, new byte[] {0x24, 0x56, (byte) 0x86, 0x6f, 0x67, (byte) 0x94,
                    0x49, 0x27}).returning(8)));
    }

    @Test
    void iovecs() {
        byte[] iov = longs(Q, 4, Q + 0x100, 4);
        assertEquals("writev(3, [{iov_base=\"one \", iov_len=4}, {iov_base=\"two\\n\", iov_len=4}], 2) = 8",
                line(call("writev", 3, P, 2).entry(P, iov).entry(Q, bytes("one ")).entry(Q + 0x100, bytes("two\n"))
                        .returning(8)));
        byte[] in = longs(Q, 3, Q + 0x100, 5);
        assertEquals("readv(3, [{iov_base=\"fir\", iov_len=3}, {iov_base=\"st li\", iov_len=5}], 2) = 8",
                line(call("readv", 3, P, 2).exit(P, in).exit(Q, bytes("fir")).exit(Q + 0x100, bytes("st li"))
                        .returning(8)));
    }

    @Test
    void statStructsAreAbbreviated() {
        byte[] regular = struct(144).s32(24, 0100644).s64(48, 34603).build();
        assertEquals("newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=34603, ...}, AT_EMPTY_PATH) = 0",
                line(call("newfstatat", 3, P, Q, 0x1000).string(P, "").exit(Q, regular).returning(0)));
        byte[] device = struct(144).s32(24, 020666).s64(40, 0x103).build();
        assertEquals("fstat(0, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0",
                line(call("fstat", 0, Q).exit(Q, device).returning(0)));
        assertEquals("lstat(\"/tmp/missing\", 0x7ffe44b92000) = -1 ENOENT (No such file or directory)",
                line(call("lstat", P, Q).string(P, "/tmp/missing").returning(-2)));
        byte[] statx = struct(256).s32(0, 0x17ff).s32(28, 0100600).build();
        assertEquals("statx(AT_FDCWD, \"sub/f\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS"
                + "|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0600, stx_size=0, ...}) = 0",
                line(call("statx", AT_FDCWD, P, 0, 0x7ff, Q).string(P, "sub/f").exit(Q, statx).returning(0)));
        byte[] statfs = struct(120).s64(0, 0xEF53).s64(8, 4096).s64(16, 66053021).s64(24, 59893904)
                .s64(32, 20438611).s64(40, 16777216).s64(48, 16364708).s32(56, 0x1bbaf5b3).s32(60, 0xe21108de)
                .s64(64, 255).s64(72, 4096).s64(80, 0x1020).build();
        assertEquals("statfs(\"/tmp\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=59893904, "
                + "f_bavail=20438611, f_files=16777216, f_ffree=16364708, f_fsid={val=[0x1bbaf5b3, 0xe21108de]}, "
                + "f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0",
                line(call("statfs", P, Q).string(P, "/tmp").exit(Q, statfs).returning(0)));
    }

    @Test
    void memoryCalls() {
        assertEquals("mmap(0x7fd503415000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, "
                + "0x26000) = 0x7fd503415000", line(call("mmap", 0x7fd503415000L, 1400832, 5, 0x812, 3, 0x26000)
                .returning(0x7fd503415000L)));
        assertEquals("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f8fe5163000",
                line(call("mmap", 0, 8192, 3, 0x22, 0xffffffffL, 0).returning(0x7f8fe5163000L)));
        assertEquals("brk(NULL) = 0x55fe95b67000", line(call("brk", 0).returning(0x55fe95b67000L)));
        assertEquals("mprotect(0x7fd5035be000, 16384, PROT_READ) = 0",
                line(call("mprotect", 0x7fd5035be000L, 16384, 1).returning(0)));
        assertEquals("madvise(0x7f844e2a3000, 4096, MADV_DONTNEED) = 0",
                line(call("madvise", 0x7f844e2a3000L, 4096, 4).returning(0)));
        assertEquals("munmap(0x7f8fe515a000, 34603) = 0", line(call("munmap", 0x7f8fe515a000L, 34603).returning(0)));
    }

    @Test
    void signals() {
        byte[] action = longs(0x7fd503475720L, 0x0c000004L | 0x10000000L, 0x7fd50342b050L, 0);
        assertEquals("rt_sigaction(SIGRT_1, {sa_handler=0x7fd503475720, sa_mask=[], sa_flags=SA_RESTORER|SA_ONSTACK"
                + "|SA_RESTART|SA_SIGINFO, sa_restorer=0x7fd50342b050}, NULL, 8) = 0",
                line(call("rt_sigaction", 33, P, 0, 8).entry(P, action).returning(0)));
        byte[] ignore = longs(1, 0x14000000L, 0x7f844e0f7050L, 1L << 9);
        byte[] old = longs(0x563fa58a5810L, 0x14000000L, 0x7f844e0f7050L, 1L << 14);
        assertEquals("rt_sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=[USR1], sa_flags=SA_RESTORER|SA_RESTART, "
                + "sa_restorer=0x7f844e0f7050}, {sa_handler=0x563fa58a5810, sa_mask=[TERM], sa_flags=SA_RESTORER"
                + "|SA_RESTART, sa_restorer=0x7f844e0f7050}, 8) = 0",
                line(call("rt_sigaction", 10, P, Q, 8).entry(P, ignore).exit(Q, old).returning(0)));
        assertEquals("rt_sigprocmask(SIG_BLOCK, ~[], [], 8) = 0",
                line(call("rt_sigprocmask", 0, P, Q, 8).entry(P, longs(-1)).exit(Q, longs(0)).returning(0)));
        assertEquals("rt_sigprocmask(SIG_UNBLOCK, [INT RT_4], NULL, 8) = 0",
                line(call("rt_sigprocmask", 1, P, 0, 8).entry(P, longs(2 | 1L << 35)).returning(0)));
        assertEquals("rt_sigprocmask(SIG_BLOCK, ~[KILL STOP], NULL, 8) = 0", line(call("rt_sigprocmask", 0, P, 0, 8)
                .entry(P, longs(~(1L << 8 | 1L << 18))).returning(0)));
        assertEquals("kill(29288, SIGUSR1) = 0", line(call("kill", 29288, 10).returning(0)));
        assertEquals("tgkill(29288, 29288, SIGRTMIN) = 0", line(call("tgkill", 29288, 29288, 32).returning(0)));
    }

    @Test
    void processes() {
        byte[] argv = longs(Q, Q + 0x20, 0);
        assertEquals("execve(\"./exit_code\", [\"./exit_code\", \"3\"], 0x7fff7437f5b0 /* 35 vars */) = 0",
                line(call("execve", Q, P, 0x7fff7437f5b0L).entry(P, argv).string(Q, "./exit_code").string(Q + 0x20, "3")
                        .entry(0x7fff7437f5b0L, new byte[36 * 8]).returning(0)));
        assertEquals("execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"/work/wt-strace/samples/python/f\"...], "
                + "0x7ffc0000 /* 1 var */) = 0", line(call("execve", Q, P, 0x7ffc0000L).entry(P, longs(Q, Q + 0x40, 0))
                .string(Q, "/usr/bin/python3").cutString(Q + 0x40, "/work/wt-strace/samples/python/f")
                .entry(0x7ffc0000L, new byte[16]).returning(0)));
        assertEquals("wait4(29677, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 29677",
                line(call("wait4", 29677, P, 0, 0).exit(P, ints(0)).returning(29677)));
        assertEquals("wait4(29290, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], 0, NULL) = 29290",
                line(call("wait4", 29290, P, 0, 0).exit(P, ints(15)).returning(29290)));
        assertEquals("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], WNOHANG|__WALL, NULL)"
                + " = 5",
                line(call("wait4", 0xffffffffL, P, 0x40000001, 0).exit(P, ints(0x8b)).returning(5)));
        assertEquals("wait4(-1, 0x7ffe44b91000, WNOHANG, NULL) = -1 ECHILD (No child processes)",
                line(call("wait4", -1, P, 1, 0).returning(-10)));
        assertEquals("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                + "child_tidptr=0x7faed4857a10) = 29677", line(call("clone", 0x1200011, 0, 0, 0x7faed4857a10L, 0)
                .returning(29677)));
        byte[] args = struct(88).s64(0, 0x3d0f00).s64(16, 0x7fd5033eb990L).s64(24, 0x7fd5033eb990L)
                .s64(40, 0x7fd502beb000L).s64(48, 0x7fff80).s64(56, 0x7fd5033eb6c0L).build();
        assertEquals("clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM"
                + "|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fd5033eb990, "
                + "parent_tid=0x7fd5033eb990, exit_signal=0, stack=0x7fd502beb000, stack_size=0x7fff80, "
                + "tls=0x7fd5033eb6c0} => {parent_tid=[29669]}, 88) = 29669",
                line(call("clone3", P, 88).entry(P, args).returning(29669)));
        assertEquals("exit_group(3) = ?", line(call("exit_group", 3).returning(0)));
        assertEquals("set_tid_address(0x7f8fe4f75a10) = 28319",
                line(call("set_tid_address", 0x7f8fe4f75a10L).returning(28319)));
        assertEquals("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0",
                line(call("prlimit64", 0, 3, 0, Q).exit(Q, longs(8192 * 1024, -1)).returning(0)));
        assertEquals("arch_prctl(ARCH_SET_FS, 0x7f8fe4f75740) = 0",
                line(call("arch_prctl", 0x1002, 0x7f8fe4f75740L).returning(0)));
        assertEquals("prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)", line(call("prctl", 3, 0, 0, 0, 0).returning(1)));
        byte[] uname = struct(390).bytes(0, bytes("Linux")).bytes(65, bytes("vm")).build();
        assertEquals("uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0",
                line(call("uname", Q).exit(Q, uname).returning(0)));
        assertEquals("umask(077) = 022", line(call("umask", 077).returning(022)));
        assertEquals("getppid() = 29704", line(call("getppid").returning(29704)));
        assertEquals("sched_getaffinity(0, 128, [0 1]) = 32",
                line(call("sched_getaffinity", 0, 128, P).exit(P, longs(3, 0, 0, 0)).returning(32)));
    }

    @Test
    void descriptors() {
        assertEquals("fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)", line(call("fcntl", 3, 1).returning(1)));
        assertEquals("fcntl(3, F_GETFD) = 0", line(call("fcntl", 3, 1).returning(0)));
        assertEquals("fcntl(3, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE)",
                line(call("fcntl", 3, 3).returning(0x8000)));
        assertEquals("fcntl(3, F_SETFD, FD_CLOEXEC) = 0", line(call("fcntl", 3, 2, 1).returning(0)));
        assertEquals("fcntl(3, F_DUPFD, 10) = 11", line(call("fcntl", 3, 0, 10).returning(11)));
        assertEquals("ioctl(1, TCGETS, 0x7ffc701cff20) = -1 ENOTTY (Inappropriate ioctl for device)",
                line(call("ioctl", 1, 0x5401, 0x7ffc701cff20L).returning(-25)));
        assertEquals("ioctl(3, FIOCLEX) = 0", line(call("ioctl", 3, 0x5451).returning(0)));
        assertEquals("ioctl(3, _IOC(_IOC_READ, 0x77, 0x99, 0x8), 0x7ffc0000) = 0",
                line(call("ioctl", 3, 0x80087799L, 0x7ffc0000L).returning(0)));
        assertEquals("lseek(3, -22, SEEK_END) = 436", line(call("lseek", 3, -22, 2).returning(436)));
        assertEquals("dup3(3, 21, O_CLOEXEC) = 21", line(call("dup3", 3, 21, 0x80000).returning(21)));
        assertEquals("pipe2([3, 4], 0) = 0", line(call("pipe2", P, 0).exit(P, ints(3, 4)).returning(0)));
        assertEquals("close_range(21, 4294967295, 0) = 0", line(call("close_range", 21, 0xffffffffL, 0).returning(0)));
        byte[] dirents = concat(struct(24).u16(16, 24).build(), struct(24).u16(16, 24).build(),
                struct(32).u16(16, 32).build());
        assertEquals("getdents64(3, 0x7ffe44b926b0 /* 3 entries */, 4096) = 80",
                line(call("getdents64", 3, 0x7ffe44b926b0L, 4096).exit(0x7ffe44b926b0L, dirents).returning(80)));
        assertEquals("getdents64(3, 0x7ffe44b926b0 /* 1+ entries */, 4096) = 80",
                line(call("getdents64", 3, 0x7ffe44b926b0L, 4096)
                        .exit(0x7ffe44b926b0L, java.util.Arrays.copyOf(dirents, 32), 80).returning(80)));
        assertEquals("getdents64(3, 0x7ffe44b926b0 /* 0 entries */, 4096) = 0",
                line(call("getdents64", 3, 0x7ffe44b926b0L, 4096).exit(0x7ffe44b926b0L, new byte[0]).returning(0)));
        assertEquals("sendfile(4, 3, [0] => [8], 8) = 8",
                line(call("sendfile", 4, 3, P, 8).entry(P, longs(0)).exit(P, longs(8)).returning(8)));
        assertEquals("readlink(\"/usr/bin/python3\", \"python3.11\", 4096) = 10", line(call("readlink", P, Q, 4096)
                .string(P, "/usr/bin/python3").exit(Q, bytes("python3.11")).returning(10)));
        assertEquals("getcwd(\"/tmp/sx/tour/sub\", 256) = 17",
                line(call("getcwd", Q, 256).exit(Q, bytes("/tmp/sx/tour/sub\0")).returning(17)));
        assertEquals("getxattr(\"/usr/share/doc\", \"system.posix_acl_access\", NULL, 0) = -1 ENODATA "
                + "(No data available)",
                line(call("getxattr", P, Q, 0, 0).string(P, "/usr/share/doc").string(Q, "system.posix_acl_access")
                        .returning(-61)));
    }

    @Test
    void pollSelectEpoll() {
        byte[] fds = concat(ints(4), new byte[] {1, 0, 0, 0}, ints(5), new byte[] {4, 0, 0, 0});
        byte[] ready = concat(ints(4), new byte[] {1, 0, 1, 0}, ints(5), new byte[] {4, 0, 4, 0});
        assertEquals("poll([{fd=4, events=POLLIN}, {fd=5, events=POLLOUT}], 2, 100) = 2 ([{fd=4, revents=POLLIN}, "
                + "{fd=5, revents=POLLOUT}])", line(call("poll", P, 2, 100).entry(P, fds).exit(P, ready).returning(2)));
        assertEquals("poll([{fd=4, events=POLLIN}], 1, 0) = 0 (Timeout)",
                line(call("poll", P, 1, 0).entry(P, java.util.Arrays.copyOf(fds, 8)).returning(0)));
        assertEquals("select(5, [4], NULL, NULL, {tv_sec=1, tv_usec=0}) = 1 (in [4], left {tv_sec=0, tv_usec=999998})",
                line(call("select", 5, P, 0, 0, Q).entry(P, longs(0x10)).exit(P, longs(0x10)).entry(Q, longs(1, 0))
                        .exit(Q, longs(0, 999998)).returning(1)));
        byte[] event = struct(12).s32(0, 0x80000001).s64(4, 7).build();
        assertEquals("epoll_ctl(6, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, data={u32=7, u64=7}}) = 0",
                line(call("epoll_ctl", 6, 1, 4, P).entry(P, event).returning(0)));
        assertEquals("epoll_wait(6, [{events=EPOLLIN, data={u32=7, u64=7}}], 4, 100) = 1",
                line(call("epoll_wait", 6, P, 4, 100).exit(P, struct(12).s32(0, 1).s64(4, 7).build()).returning(1)));
        assertEquals("epoll_pwait(6, [], 4, 0, NULL, 8) = 0", line(call("epoll_pwait", 6, P, 4, 0, 0, 8).returning(0)));
    }

    @Test
    void sockets() {
        assertEquals("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3",
                line(call("socket", 1, 0x80801, 0).returning(3)));
        assertEquals("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4", line(call("socket", 2, 2, 17).returning(4)));
        byte[] unix = concat(new byte[] {1, 0}, bytes("/var/run/nscd/socket"), new byte[88]);
        assertEquals("connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT "
                + "(No such file or directory)", line(call("connect", 3, P, 110).entry(P, unix).returning(-2)));
        byte[] six = struct(28).u16(0, 10).u16be(2, 9).s32(20, 0x01000000).build();
        assertEquals("connect(4, {sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED "
                + "(Connection refused)",
                line(call("connect", 4, P, 28).entry(P, six).returning(-111)));
        byte[] inet = struct(16).u16(0, 2).u16be(2, 47311).bytes(4, new byte[] {127, 0, 0, 1}).build();
        assertEquals("bind(4, {sa_family=AF_INET, sin_port=htons(47311), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                line(call("bind", 4, P, 16).entry(P, inet).returning(0)));
        assertEquals("recvfrom(4, \"datagram\", 64, 0, {sa_family=AF_INET, sin_port=htons(47311), "
                + "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 8", line(call("recvfrom", 4, Q, 64, 0, P, P + 0x80)
                .exit(Q, bytes("datagram"), 8).exit(P, inet).exit(P + 0x80, ints(16)).returning(8)));
        assertEquals("recvfrom(5, \"ping\", 64, 0, NULL, NULL) = 4",
                line(call("recvfrom", 5, Q, 64, 0, 0, 0).exit(Q, bytes("ping")).returning(4)));
        byte[] message = struct(56).s64(16, Q).s64(24, 1).build();
        assertEquals("sendmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"message\", iov_len=7}], "
                + "msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 7", line(call("sendmsg", 5, P, 0)
                .entry(P, message).entry(Q, longs(Q + 0x100, 7)).entry(Q + 0x100, bytes("message")).returning(7)));
        assertEquals("socketpair(AF_UNIX, SOCK_STREAM, 0, [4, 5]) = 0",
                line(call("socketpair", 1, 1, 0, P).exit(P, ints(4, 5)).returning(0)));
        assertEquals("setsockopt(5, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0",
                line(call("setsockopt", 5, 1, 9, P, 4).entry(P, ints(1)).returning(0)));
        assertEquals("getsockopt(5, SOL_SOCKET, SO_ERROR, [0], [4]) = 0",
                line(call("getsockopt", 5, 1, 4, P, Q).exit(P, ints(0)).exit(Q, ints(4)).returning(0)));
        assertEquals("accept4(3, NULL, NULL, SOCK_CLOEXEC) = 4", line(call("accept4", 3, 0, 0, 0x80000).returning(4)));
    }

    @Test
    void timesAndSleeps() {
        assertEquals("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=900031210}) = ? "
                + "ERESTART_RESTARTBLOCK (Interrupted by signal)", line(call("clock_nanosleep", 0, 0, P, Q)
                .entry(P, longs(5, 0)).exit(Q, longs(4, 900031210)).returning(-516)));
        assertEquals("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=200000000}, NULL) = 0",
                line(call("clock_nanosleep", 0, 0, P, 0).entry(P, longs(0, 200000000)).returning(0)));
        assertEquals("nanosleep({tv_sec=0, tv_nsec=1000}, 0x7ffe44b92000) = 0",
                line(call("nanosleep", P, Q).entry(P, longs(0, 1000)).returning(0)));
        assertEquals("setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=100000}}, "
                + "NULL) = 0", line(call("setitimer", 0, P, 0).entry(P, longs(0, 0, 0, 100000)).returning(0)));
        assertEquals("clock_gettime(CLOCK_MONOTONIC, {tv_sec=2475, tv_nsec=12}) = 0",
                line(call("clock_gettime", 1, P).exit(P, longs(2475, 12)).returning(0)));
        assertEquals("futex(0x7f220ffbba4c, FUTEX_WAKE_PRIVATE, 2147483647) = 0",
                line(call("futex", 0x7f220ffbba4cL, 129, 2147483647).returning(0)));
        assertEquals("futex(0x7f220ffbba4c, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 29669, NULL, "
                + "FUTEX_BITSET_MATCH_ANY) = 0", line(call("futex", 0x7f220ffbba4cL, 393, 29669, 0, 0, 0xffffffffL)
                .returning(0)));
    }

    @Test
    void timesOfAFileShowTheDateInTheZoneAsked() {
        StraceOptions options = StraceOptions.plain().withZone(java.time.ZoneOffset.UTC);
        SyscallRenderer utc = new SyscallRenderer(Calls.X86_64, options);
        CallText text = utc.text(call("utimensat", AT_FDCWD, P, Q, 0).string(P, "/tmp/sx/ut.c")
                .entry(Q, longs(1700000000, 5, 0, (1L << 30) - 2)).returning(0));
        assertEquals("AT_FDCWD, \"/tmp/sx/ut.c\", [{tv_sec=1700000000, tv_nsec=5} "
                + "/* 2023-11-14T22:13:20.000000005+0000 */, UTIME_OMIT], 0", text.arguments());
    }

    @Test
    void callsWithoutDecoders() {
        assertEquals("rseq(0x7f8fe4f76060, 0x20, 0, 0x53053053) = 0",
                line(call("rseq", 0x7f8fe4f76060L, 0x20, 0, 0x53053053).returning(0)));
        assertEquals("syscall_0x1f4(0x1, 0x2, 0x3, 0, 0x7fc22ea706d0, 0x1) = -1 ENOSYS (Function not implemented)",
                line(Calls.number(500, 1, 2, 3, 0, 0x7fc22ea706d0L, 1).returning(-38)));
        assertEquals("getpid() = 29288", line(call("getpid").returning(29288)));
        assertEquals("sched_yield() = 0", line(call("sched_yield").returning(0)));
    }

    @Test
    void aCallThatNeverReturnedShowsWhatStracePrintsAtEntry() {
        assertEquals("3, ", renderer.arguments(call("read", 3, P, 16).entered()));
        assertEquals("?", renderer.result(call("read", 3, P, 16).entered()));
        assertEquals("0", renderer.arguments(call("exit_group", 0).entered()));
    }
}
