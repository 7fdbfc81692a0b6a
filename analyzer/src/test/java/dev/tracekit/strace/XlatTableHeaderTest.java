package dev.tracekit.strace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every value of xlat-x86_64.tbl against the headers in /usr/include: a C program prints each
 * constant, gcc compiles it. The few constants where the kernel's value is not glibc's, or glibc
 * hides the kernel's, are checked against the UAPI header that defines them; constants no
 * installed header has (kernel-internal ones, newer ones) cannot be checked and are counted.
 */
class XlatTableHeaderTest {
    private static final List<String> HEADERS = List.of("fcntl.h", "sys/mman.h", "signal.h", "sys/socket.h",
            "netinet/in.h", "netinet/tcp.h", "netinet/udp.h", "sys/resource.h", "sys/wait.h", "sched.h", "sys/epoll.h",
            "sys/eventfd.h", "sys/inotify.h", "sys/stat.h", "poll.h", "sys/statfs.h", "sys/statvfs.h", "sys/mount.h",
            "sys/xattr.h", "sys/timerfd.h", "sys/signalfd.h", "sys/random.h", "sys/ioctl.h", "sys/time.h",
            "sys/file.h", "sys/ipc.h", "sys/shm.h", "sys/msg.h", "sys/sem.h", "sys/personality.h", "sys/reboot.h",
            "sys/syslog.h", "sys/swap.h", "sys/un.h", "linux/futex.h", "linux/magic.h", "linux/close_range.h",
            "asm/prctl.h", "linux/prctl.h", "linux/sched.h", "linux/membarrier.h", "linux/seccomp.h",
            "linux/mempolicy.h", "linux/userfaultfd.h", "linux/fanotify.h", "linux/perf_event.h", "linux/kcmp.h",
            "linux/keyctl.h", "linux/landlock.h", "linux/kexec.h", "linux/io_uring.h", "linux/netlink.h",
            "linux/rseq.h", "linux/ioprio.h", "linux/bpf.h", "linux/quota.h", "linux/ptrace.h", "linux/stat.h",
            "linux/in6.h", "linux/openat2.h", "linux/fs.h", "linux/sockios.h", "linux/mount.h", "linux/reboot.h",
            "linux/module.h");
    /**
     * Kernel values glibc changes (O_LARGEFILE is 0 for it) or does not define, from UAPI headers
     * that clash with glibc's and so are compiled on their own.
     */
    private static final List<String> KERNEL_HEADERS = List.of("asm-generic/fcntl.h", "asm/signal.h",
            "asm-generic/mman-common.h", "linux/eventpoll.h");
    private static final Set<String> FROM_KERNEL_HEADERS = Set.of("O_LARGEFILE", "__O_TMPFILE", "__O_SYNC",
            "SA_RESTORER", "SS_AUTODISARM", "MADV_COLLAPSE", "MADV_SOFT_OFFLINE", "PKEY_DISABLE_EXECUTE", "EPOLLNVAL");
    private static final Pattern UNDECLARED = Pattern.compile("[‘'](\\w+)[’'] undeclared");
    /**
     * At most this share of the entries may be unknown to the installed headers: constants the
     * kernel keeps to itself (MSG_PROBE, ST_VALID, SYSLOG_ACTION_*) or that only old or other
     * systems have (file system magic numbers), with the value the kernel sources give them.
     */
    private static final double UNCHECKED_LIMIT = 0.05;

    @TempDir
    Path dir;

    private record Entry(String table, String name, long value) {
    }

    @Test
    void everyValueIsTheHeadersValue() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (XlatTable table : XlatTables.all()) {
            for (int i = 0; i < table.size(); i++) {
                entries.add(new Entry(table.name(), table.nameAt(i), table.valueAt(i)));
            }
        }
        Set<String> names = new HashSet<>();
        entries.forEach(entry -> names.add(entry.name()));
        Map<String, Long> fromHeaders = compile(names, HEADERS, name -> !FROM_KERNEL_HEADERS.contains(name));
        fromHeaders.putAll(compile(FROM_KERNEL_HEADERS, KERNEL_HEADERS, name -> true));
        List<String> wrong = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Entry entry : entries) {
            Long value = fromHeaders.get(entry.name());
            if (value == null) {
                unchecked.add(entry.name());
            } else if (value != entry.value()) {
                wrong.add(entry.table() + " " + entry.name() + ": table " + entry.value() + ", headers " + value);
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(unchecked.size() <= UNCHECKED_LIMIT * entries.size(),
                unchecked.size() + " of " + entries.size() + " constants are in no installed header: " + unchecked);
    }

    private interface Filter {
        boolean includes(String name);
    }

    /**
     * The value of each name the headers define, macro or enum constant, as gcc computes it;
     * names gcc says are undeclared are dropped. A composite name such as {@code A|B} is an
     * expression of constants.
     */
    private Map<String, Long> compile(Set<String> names, List<String> headers, Filter filter) throws Exception {
        Set<String> undeclared = new HashSet<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            Path source = dir.resolve("values.c");
            Files.writeString(source, program(names, headers, filter, undeclared));
            Path binary = dir.resolve("values");
            Process gcc = new ProcessBuilder("gcc", "-w", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String errors = new String(gcc.getInputStream().readAllBytes());
            assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc did not finish");
            if (gcc.exitValue() == 0) {
                return run(binary);
            }
            Matcher missing = UNDECLARED.matcher(errors);
            int before = undeclared.size();
            while (missing.find()) {
                undeclared.add(missing.group(1));
            }
            assertTrue(undeclared.size() > before, "gcc failed on the table's constants:\n" + errors);
        }
        throw new AssertionError("gcc kept finding undeclared constants");
    }

    private static String program(Set<String> names, List<String> headers, Filter filter, Set<String> undeclared) {
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n");
        headers.forEach(header -> c.append("#include <").append(header).append(">\n"));
        c.append("#include <stdio.h>\n#define P(n, v) printf(\"%s %lld\\n\", n, (long long) (v))\nint main(void) {\n");
        for (String name : names) {
            if (!filter.includes(name) || undeclared.contains(name)) {
                continue;
            }
            c.append("P(\"").append(name).append("\", ").append(name).append(");\n");
        }
        return c.append("return 0;\n}\n").toString();
    }

    private static Map<String, Long> run(Path binary) throws IOException, InterruptedException {
        Process run = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        Map<String, Long> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                values.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            }
        }
        return values;
    }
}
