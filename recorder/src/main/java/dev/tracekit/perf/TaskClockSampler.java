package dev.tracekit.perf;

import dev.tracekit.ptrace.NativeBuffer;
import dev.tracekit.ptrace.PerfCalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Samples traced threads on the CPU without stopping them: per thread, a task-clock event that
 * every 1/HZ s of the thread's time in user mode has the kernel copy its user registers and the
 * top of its stack into a ring buffer, from which a reader takes them. The thread loses only the
 * copy, in the timer interrupt; the ptrace way stops it, and it then waits for a CPU again.
 * <p>
 * The kernel lets events share a ring (PERF_EVENT_IOC_SET_OUTPUT) only when they are bound to
 * the same CPU or belong to the same thread. So, as perf record does, each thread has one event
 * per online CPU, and each CPU one ring, held by a dummy event of the recorder's own.
 * <p>
 * {@link #follow}, {@link #unfollow} and {@link #renamed} run on one thread (the tracer's),
 * {@link #drain} on one other; {@link #close} after both are done.
 */
public final class TaskClockSampler implements AutoCloseable {
    /**
     * Data pages of each CPU's ring, tried in turn: 2 MiB holds about 60 samples of 32 KiB
     * stacks; 512 KiB (with the control page, 516 KiB) is what kernel.perf_event_mlock_kb lets
     * an unprivileged user lock per CPU by default.
     */
    private static final int[] RING_PAGES = {512, 128};
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int EMFILE = 24;
    private static final int ENOSYS = 38;
    private static final int EOPNOTSUPP = 95;
    static final int LOST = 2;
    private static final long MIN_DRAIN_NANOS = 1_000_000;
    private static final long MAX_DRAIN_NANOS = 50_000_000;

    private final int[] cpus;
    private final int[] anchors;
    private final PerfRing[] rings;
    private final NativeBuffer attr;
    private final long drainPeriodNanos;
    /** The events of each followed thread, one per CPU of {@link #cpus}. */
    private final Map<Integer, int[]> events = new HashMap<>();
    private int refused;
    private String refusal;
    private long lost;

    private TaskClockSampler(int[] cpus, int[] anchors, PerfRing[] rings, NativeBuffer attr, long drainPeriodNanos) {
        this.cpus = cpus;
        this.anchors = anchors;
        this.rings = rings;
        this.attr = attr;
        this.drainPeriodNanos = drainPeriodNanos;
    }

    /**
     * The rings, and a trial event on the calling thread, so that a kernel or a setting that
     * refuses them is known before any tracee: the caller then samples the ptrace way.
     */
    public static TaskClockSampler open(int hz, int stackBytes) throws PerfException {
        if (!System.getProperty("os.arch").equals("amd64")) {
            throw new PerfException("perf sampling on " + System.getProperty("os.arch"), EOPNOTSUPP,
                    "tracekit knows perf's register layout of x86_64 only");
        }
        int[] cpus = OnlineCpus.list();
        int[] anchors = new int[cpus.length];
        PerfRing[] rings = new PerfRing[cpus.length];
        List<Runnable> undo = new ArrayList<>();
        try {
            NativeBuffer dummy = EventAttr.dummy(stackBytes);
            for (int i = 0; i < cpus.length; i++) {
                int fd = opened(PerfCalls.open(dummy, 0, cpus[i]), "perf_event_open(dummy event, cpu " + cpus[i] + ")");
                anchors[i] = fd;
                undo.add(() -> PerfCalls.close(fd));
                PerfRing ring = map(fd, i == 0 ? RING_PAGES : new int[] {rings[0].dataPages()});
                rings[i] = ring;
                undo.add(ring::unmap);
            }
            long period = 1_000_000_000L / hz;
            NativeBuffer attr = EventAttr.taskClock(period, stackBytes);
            probe(attr, cpus[0], anchors[0]);
            long recordBytes = 8 * (5 + UserRegisters.COUNT + 2) + stackBytes;
            long ringSamples = (long) rings[0].dataPages() * PerfRing.PAGE / recordBytes;
            // One thread always on a CPU fills its ring in ringSamples periods: drain four times as often.
            long drain = Math.max(MIN_DRAIN_NANOS, Math.min(MAX_DRAIN_NANOS, ringSamples * period / 4));
            return new TaskClockSampler(cpus, anchors, rings, attr, drain);
        } catch (PerfException e) {
            undo.forEach(Runnable::run);
            throw e;
        }
    }

    /**
     * Samples thread {@code tid} from now on. False when the kernel refused (the thread is then
     * to be sampled the ptrace way) or the thread is gone.
     */
    public boolean follow(int tid) {
        int[] fds = new int[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            int fd = PerfCalls.open(attr, tid, cpus[i]);
            int error = fd < 0 ? -fd : PerfCalls.setOutput(fd, anchors[i]);
            if (error != 0) {
                if (fd >= 0) {
                    PerfCalls.close(fd);
                }
                close(fds, i);
                if (error != ESRCH) {
                    refused++;
                    if (refusal == null) {
                        refusal = new PerfException("perf_event_open(task-clock, thread " + tid + ")", error, hint(error)).getMessage();
                    }
                }
                return false;
            }
            fds[i] = fd;
        }
        close(events.put(tid, fds));
        return true;
    }

    /** The thread is gone or let go: its events are closed, which frees them. */
    public void unfollow(int tid) {
        close(events.remove(tid));
    }

    /**
     * A thread that called execve took its process's tid ({@code tid}); the events of the thread
     * that had it are closed. Events belong to the thread, not its tid, so they go on.
     */
    public void renamed(int formerTid, int tid) {
        unfollow(tid);
        int[] fds = events.remove(formerTid);
        if (fds != null) {
            events.put(tid, fds);
        }
    }

    /** Threads followed now. */
    public int following() {
        return events.size();
    }

    /**
     * Takes the samples written so far, up to those taken after {@code until}, and hands them to
     * {@code out} once their ring's space is freed (the handling may be slow: the kernel must not
     * find the ring full meanwhile).
     */
    public void drain(long until, Consumer<PerfSample> out) {
        List<PerfSample> samples = new ArrayList<>();
        for (PerfRing ring : rings) {
            lost += take(ring, until, samples);
            samples.forEach(out);
            samples.clear();
        }
    }

    /**
     * Copies the samples of {@code ring} taken up to {@code until} into {@code samples}, freeing
     * their space; returns how many samples the kernel reported lost meanwhile.
     */
    static long take(PerfRing ring, long until, List<PerfSample> samples) {
        long[] lost = {0};
        ring.read((type, position, size) -> {
            if (type == PerfSample.TYPE) {
                if (PerfSample.time(ring, position) > until) {
                    return false;
                }
                PerfSample sample = PerfSample.read(ring, position, size);
                if (sample != null) {
                    samples.add(sample);
                }
            } else if (type == LOST) {
                lost[0] += ring.word(position + 16); // after the header and the event id
            }
            return true;
        });
        return lost[0];
    }

    /** How often to {@link #drain} so that the rings do not overflow while one reader keeps up. */
    public long drainPeriodNanos() {
        return drainPeriodNanos;
    }

    /** Samples the kernel dropped because a ring was full. Read after the last {@link #drain}. */
    public long lost() {
        return lost;
    }

    /** Threads for which the kernel refused an event. Read after the last {@link #follow}. */
    public int refusedThreads() {
        return refused;
    }

    /** Why the first refused thread was refused, or null. */
    public String refusal() {
        return refusal;
    }

    @Override
    public void close() {
        events.values().forEach(TaskClockSampler::close);
        events.clear();
        for (int i = 0; i < rings.length; i++) {
            rings[i].unmap();
            PerfCalls.close(anchors[i]);
        }
    }

    /** A task-clock event like the tracees' will be, on the calling thread: refused here, refused for them. */
    private static void probe(NativeBuffer attr, int cpu, int anchor) throws PerfException {
        int fd = opened(PerfCalls.open(attr, 0, cpu), "perf_event_open(task-clock, cpu " + cpu + ")");
        int error = PerfCalls.setOutput(fd, anchor);
        PerfCalls.close(fd);
        if (error != 0) {
            throw new PerfException("ioctl(PERF_EVENT_IOC_SET_OUTPUT)", error, null);
        }
    }

    /** The ring of event {@code fd}, with the first of {@code sizes} (data pages) the locked-memory limit allows. */
    private static PerfRing map(int fd, int[] sizes) throws PerfException {
        for (int k = 0; ; k++) {
            long address = PerfCalls.map(fd, (sizes[k] + 1L) * PerfRing.PAGE);
            if (address >= 0) {
                return new PerfRing(address, sizes[k]);
            }
            if (address != -EPERM || k == sizes.length - 1) {
                throw new PerfException("mmap of a perf ring buffer of " + sizes[k] + " pages", (int) -address,
                        "the locked memory limit (kernel.perf_event_mlock_kb, ulimit -l) is too low");
            }
        }
    }

    private static int opened(int fd, String call) throws PerfException {
        if (fd < 0) {
            throw new PerfException(call, -fd, hint(-fd));
        }
        return fd;
    }

    private static String hint(int errno) {
        return switch (errno) {
            case EACCES, EPERM -> "kernel.perf_event_paranoid is " + paranoid()
                    + ": run as root or with CAP_PERFMON, or lower it; or a seccomp filter refuses perf_event_open";
            case ENOSYS -> "the kernel has no perf events, or a seccomp filter refuses perf_event_open";
            case ENOENT, EINVAL, EOPNOTSUPP -> "the kernel has no task-clock event with user registers and stack";
            case EMFILE -> "too many open files (ulimit -n): each thread takes one descriptor per CPU";
            default -> null;
        };
    }

    private static String paranoid() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void close(int[] fds) {
        if (fds != null) {
            close(fds, fds.length);
        }
    }

    private static void close(int[] fds, int count) {
        for (int i = 0; i < count; i++) {
            PerfCalls.close(fds[i]);
        }
    }
}
