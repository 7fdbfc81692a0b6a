package dev.tracekit.bench;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.tracekit.bench.LinuxAbi.*;
import static dev.tracekit.bench.SyntheticProcess.HEAP_BASE;
import static dev.tracekit.bench.SyntheticProcess.LIBC_BASE;

/**
 * An endless, seeded stream of {@link Syscall} events that follows {@link MixSyscall}: the
 * arguments, results and captured memory a recorder would write for each call. The shapes
 * (which fds, flags and buffers each call gets, how often) come from {@code strace -f -tt -T}
 * output of the same workload, the same day. Calls are drawn one by one: sequences such as
 * lstat, open, fstat, read, write, close are not modelled, only their proportions and the
 * repeated bytes they leave in the log (the same file's struct stat, data read then written).
 */
final class SyntheticSyscalls {
    /** What a recorder copies of a buffer, like strace's default -s 32. */
    private static final int STRING_LIMIT = 32;
    /**
     * 29,824 of that trace's 47,675 reads and writes showed the same first bytes as the read or
     * write before: tar writes what it has just read, and cat reads and writes it again.
     */
    private static final double REPEATED_DATA_SHARE = 0.63;
    /** 25,066 of them were text; the rest was compressed (.gz) data. */
    private static final double TEXT_SHARE = 0.53;
    /**
     * 10,722 of the 16,084 structs stat returned were the same as the one before: tar lstats a
     * name, opens it, and fstats it before and after reading it.
     */
    private static final double REPEATED_STAT_SHARE = 0.67;
    /** Where libc keeps the empty string that fstat passes as a path. */
    private static final long LIBC_EMPTY_STRING = LIBC_BASE + 0x19_d4e5;
    private static final long LD_SO_PRELOAD_PATH = LIBC_BASE + 0x22_4f58;

    private final SplittableRandom random;
    private final SyntheticData data;
    private long now;
    private long brk = HEAP_BASE + 0x21000;
    private byte[] previousData;
    private byte[] previousStat;

    /** The call being made; set by {@link #next} for the methods that build it. */
    private MixSyscall call;
    private int thread;
    private long time;
    private long duration;
    private boolean failing;

    /** @param start CLOCK_MONOTONIC nanoseconds shortly before the first call */
    SyntheticSyscalls(long seed, long start) {
        random = new SplittableRandom(seed);
        now = start;
        data = new SyntheticData(random);
    }

    /** The CLOCK_MONOTONIC time at which the last call returned. */
    long now() {
        return now;
    }

    Syscall next() {
        call = MixSyscall.pick(random.nextDouble());
        thread = pickThread();
        time = now + 1000 + (long) (random.nextExponential() * 3000);
        duration = duration();
        failing = random.nextDouble() < call.failureRate();
        Syscall event = switch (call) {
            case READ -> read();
            case WRITE -> write();
            case NEWFSTATAT -> newfstatat();
            case OPENAT -> openat();
            case CLOSE -> syscall(args(3 + random.nextInt(5)), resultOr(0));
            case GETDENTS64 -> getdents64();
            case FCNTL -> fcntl();
            case LSEEK -> lseek();
            case MMAP -> mmap();
            case READLINKAT -> readlinkat();
            case RT_SIGACTION -> rtSigaction();
            case IOCTL -> syscall(args(random.nextInt(4), TCGETS, stack(0x40)), resultOr(0));
            case BRK -> brk();
            case GETCWD -> syscall(args(stack(0x400), 1024), 5,
                    new Capture(Capture.Phase.EXIT, stack(0x400), 5, ByteString.copyOf("/tmp\0".getBytes(StandardCharsets.US_ASCII))));
            case MPROTECT -> syscall(args(libraryPage(), 4096L << random.nextInt(3), PROT_READ), 0);
            case FUTEX -> syscall(args(libraryPage() + 4L * random.nextInt(1024), FUTEX_WAKE_PRIVATE, Integer.MAX_VALUE), 0);
            case MUNMAP -> syscall(args(libraryPage(), 34_603 + 4096L * random.nextInt(50)), 0);
            case PREAD64 -> pread64();
            case ACCESS -> syscall(args(LD_SO_PRELOAD_PATH, R_OK), resultOr(0), path(LD_SO_PRELOAD_PATH, "/etc/ld.so.preload"));
            case READLINK -> readlink();
            case OTHER -> syscall(SyscallArgs.NONE, SyntheticProcess.PID);
        };
        now = time + duration;
        return event;
    }

    /** tar reading a file into its record buffer, or cat reading tar's output from the pipe. */
    private Syscall read() {
        boolean pipe = random.nextInt(100) < 43;
        long buffer = pipe ? HEAP_BASE + 0x1_8000 : HEAP_BASE + 0x1_0e00;
        long count = pipe ? 131_072 : random.nextInt(10) < 7 ? 10_240 : 512L * (1 + random.nextInt(19));
        long result = random.nextInt(100) == 0 ? 0 : Math.min(count, 10_240);
        return syscall(args(pipe ? 0 : 5 + random.nextInt(3), buffer, count), result,
                dataCapture(Capture.Phase.EXIT, buffer, result));
    }

    /** Whole 10 KiB tar records, from tar's buffer or cat's. */
    private Syscall write() {
        long buffer = random.nextBoolean() ? HEAP_BASE + 0x1_0e00 : HEAP_BASE + 0x1_8000;
        return syscall(args(1, buffer, 10_240), 10_240, dataCapture(Capture.Phase.ENTRY, buffer, 10_240));
    }

    /** ld.so reading an ELF header's program headers. */
    private Syscall pread64() {
        long buffer = stack(0x3c0);
        return syscall(args(3, buffer, 784, 64), 784, dataCapture(Capture.Phase.EXIT, buffer, 784));
    }

    /** fstat of an open file (2 in 3), lstat of a name in a directory, stat of an absolute path. */
    private Syscall newfstatat() {
        int shape = failing ? 99 : random.nextInt(100);
        int dirfd = shape < 67 ? 4 + random.nextInt(4) : shape < 98 ? 3 + random.nextInt(4) : AT_FDCWD;
        String name = shape < 67 ? "" : shape < 98 ? data.relativeName() : data.absolutePath();
        int flags = shape < 67 ? AT_EMPTY_PATH : shape < 98 ? AT_SYMLINK_NOFOLLOW : 0;
        long pathAddress = name.isEmpty() ? LIBC_EMPTY_STRING : heapString();
        long statAddress = stack(0x90 * random.nextInt(4));
        List<Capture> captures = new ArrayList<>(2);
        captures.add(path(pathAddress, name));
        if (!failing) {
            if (previousStat == null || random.nextDouble() >= REPEATED_STAT_SHARE) {
                int mode = data.fileMode();
                previousStat = data.stat(mode, data.fileSize(mode));
            }
            captures.add(new Capture(Capture.Phase.EXIT, statAddress, previousStat.length, ByteString.copyOf(previousStat)));
        }
        return syscall(args(dirfd, pathAddress, statAddress, flags), resultOr(0), captures);
    }

    /** tar opening a name relative to its directory fd; now and then an absolute library path. */
    private Syscall openat() {
        boolean absolute = failing || random.nextInt(1000) < 35;
        String name = absolute ? data.absolutePath() : data.relativeName();
        long pathAddress = heapString();
        int flags = absolute ? O_RDONLY | O_CLOEXEC : O_RDONLY | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC;
        return syscall(args(absolute ? AT_FDCWD : 3 + random.nextInt(3), pathAddress, flags),
                resultOr(4 + random.nextInt(4)), path(pathAddress, name));
    }

    /** Half of the calls find the directory's end; the others return some 1 to 200 entries. */
    private Syscall getdents64() {
        long buffer = HEAP_BASE + 0xdc0;
        long result = random.nextBoolean() ? 0 : 8 * (long) (4 * Math.exp(random.nextDouble() * Math.log(200)));
        List<Capture> captures = result == 0 ? List.of() : List.of(new Capture(Capture.Phase.EXIT, buffer, result,
                ByteString.copyOf(data.dirent((int) Math.min(result, STRING_LIMIT)))));
        return syscall(args(3 + random.nextInt(4), buffer, 32_768), result, captures);
    }

    private Syscall fcntl() {
        int fd = 3 + random.nextInt(4);
        return random.nextBoolean()
                ? syscall(args(fd, F_SETFD, FD_CLOEXEC), 0)
                : syscall(args(fd, F_GETFL), O_RDONLY | O_NONBLOCK | O_LARGEFILE | O_NOFOLLOW);
    }

    private Syscall lseek() {
        long offset = random.nextInt(50) == 0 ? 4096L * random.nextInt(64) : 0;
        return syscall(args(3, offset, offset == 0 ? SEEK_CUR : SEEK_SET), offset);
    }

    /** One in five maps anonymous memory; the rest map a library, half of them at a fixed place. */
    private Syscall mmap() {
        long length = 4096L * (1 + (long) Math.exp(random.nextDouble() * Math.log(400)));
        if (random.nextInt(100) < 19) {
            return syscall(args(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), libraryPage());
        }
        if (random.nextBoolean()) {
            return syscall(args(0, length, PROT_READ, MAP_PRIVATE | MAP_DENYWRITE, 3, 0), libraryPage());
        }
        long at = libraryPage();
        int prot = random.nextBoolean() ? PROT_READ | PROT_EXEC : PROT_READ;
        return syscall(args(at, length, prot, MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 4096L * random.nextInt(400)), at);
    }

    /** tar reading the target of a symlink between doc directories (libfoo -> foo-common). */
    private Syscall readlinkat() {
        String name = data.relativeName();
        byte[] target = data.relativeName().getBytes(StandardCharsets.US_ASCII);
        long pathAddress = heapString();
        long buffer = HEAP_BASE + 0x3_2a40;
        return syscall(args(3, pathAddress, buffer, target.length + 1), target.length, path(pathAddress, name),
                new Capture(Capture.Phase.EXIT, buffer, target.length,
                        ByteString.copyOf(target, 0, Math.min(target.length, STRING_LIMIT))));
    }

    /**
     * A handler installed (act given) or the current one asked for (oldact given), or both; an
     * interpreter asks about every signal, real-time ones too. SIGKILL and SIGSTOP keep theirs.
     */
    private Syscall rtSigaction() {
        int signal = 1 + random.nextInt(64);
        boolean install = signal != 9 && signal != 19 && random.nextBoolean();
        boolean query = !install || random.nextInt(10) < 3;
        long act = install ? stack(0x120) : 0;
        long oldAct = query ? stack(0xc0) : 0;
        List<Capture> captures = new ArrayList<>(2);
        if (install) {
            long handler = random.nextBoolean() ? 0 : SyntheticProcess.EXE_BASE + 0x9dc0;
            long mask = random.nextBoolean() ? 0 : ~(3L << 31);
            long flags = SA_RESTORER | (random.nextBoolean() ? SA_RESTART : 0);
            captures.add(new Capture(Capture.Phase.ENTRY, act, SyntheticData.SIGACTION_SIZE,
                    ByteString.copyOf(SyntheticData.sigaction(handler, flags, LIBC_BASE + 0x3_c050, mask))));
        }
        if (query) {
            captures.add(new Capture(Capture.Phase.EXIT, oldAct, SyntheticData.SIGACTION_SIZE,
                    ByteString.copyOf(SyntheticData.sigaction(0, 0, 0, 0))));
        }
        return syscall(args(signal, act, oldAct, 8), 0, captures);
    }

    /** Growing the heap, or (brk(NULL)) asking where it ends. */
    private Syscall brk() {
        if (random.nextInt(12) == 0) {
            return syscall(args(0), brk);
        }
        brk += 0x21000;
        return syscall(args(brk), brk);
    }

    /** The interpreter resolving its own symlink, and failing on the real file. */
    private Syscall readlink() {
        long pathAddress = heapString();
        long buffer = stack(0x1000);
        if (failing) {
            return syscall(args(pathAddress, buffer, 4096), -call.errno, path(pathAddress, "/usr/bin/python3.11"));
        }
        byte[] target = "python3.11".getBytes(StandardCharsets.US_ASCII);
        return syscall(args(pathAddress, buffer, 4096), target.length, path(pathAddress, "/usr/bin/python3"),
                new Capture(Capture.Phase.EXIT, buffer, target.length, ByteString.copyOf(target)));
    }

    private Syscall syscall(SyscallArgs args, long result, Capture... captures) {
        return syscall(args, result, List.of(captures));
    }

    private Syscall syscall(SyscallArgs args, long result, List<Capture> captures) {
        return new Syscall(time, SyntheticProcess.TIDS[thread], call.number, args, duration, result, captures);
    }

    private static SyscallArgs args(long... values) {
        return SyscallArgs.of(values);
    }

    private long resultOr(long success) {
        return failing ? -call.errno : success;
    }

    /** A buffer's first bytes: the previous buffer's again (a copy), or fresh text or compressed data. */
    private List<Capture> dataCapture(Capture.Phase phase, long address, long fullLength) {
        if (fullLength <= 0) {
            return List.of();
        }
        int length = (int) Math.min(fullLength, STRING_LIMIT);
        byte[] bytes;
        if (previousData != null && previousData.length >= length && random.nextDouble() < REPEATED_DATA_SHARE) {
            bytes = previousData;
        } else {
            bytes = random.nextDouble() < TEXT_SHARE ? data.text(length) : data.binary(length);
        }
        previousData = bytes;
        return List.of(new Capture(phase, address, fullLength, ByteString.copyOf(bytes, 0, length)));
    }

    private static Capture path(long address, String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return new Capture(Capture.Phase.ENTRY, address, bytes.length, ByteString.copyOf(bytes));
    }

    private int pickThread() {
        double u = random.nextDouble();
        for (int i = 0; i < SyntheticProcess.THREAD_SHARES.length - 1; i++) {
            u -= SyntheticProcess.THREAD_SHARES[i];
            if (u < 0) {
                return i;
            }
        }
        return SyntheticProcess.THREAD_SHARES.length - 1;
    }

    /** Log-normal around the run's mean, with one call in a hundred blocked 20 to 100 times longer. */
    private long duration() {
        double micros = call.meanMicros * Math.exp(0.5 * random.nextGaussian() - 0.125);
        if (random.nextInt(100) == 0) {
            micros *= 20 + random.nextInt(80);
        }
        return Math.max(300, (long) (micros * 1000));
    }

    private long stack(int offset) {
        return SyntheticProcess.stackAddress(thread, offset);
    }

    /** Where the archiver keeps the name it is about to open: one of a few heap slots. */
    private long heapString() {
        return HEAP_BASE + 0x2a0 + 0x40L * random.nextInt(16);
    }

    private long libraryPage() {
        return LIBC_BASE - 0x40_0000L + 4096L * random.nextInt(2048);
    }
}
