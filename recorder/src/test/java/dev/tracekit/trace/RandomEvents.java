package dev.tracekit.trace;

import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.Module;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random but well-formed events of every type, with the edge values an encoder must survive. */
final class RandomEvents {
    private static final String[] NAMES = {"", "bash", "java", "worker-7", "/usr/lib/x86_64-linux-gnu/libc.so.6",
            "naïve ☃ name", "with;semicolon and space", "[vdso]"};
    private final Random random;
    private final int[] tids;
    private final List<Module> modules = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<Stack> stacks = new ArrayList<>();
    /** Bytes captured so far: programs capture the same or nearly the same bytes again. */
    private final List<ByteString> captured = new ArrayList<>();
    private long now;

    RandomEvents(long seed) {
        random = new Random(seed);
        tids = new int[1 + random.nextInt(6)];
        for (int i = 0; i < tids.length; i++) {
            tids[i] = 1 + random.nextInt(4_194_304);
        }
        now = random.nextBoolean() ? Math.abs(random.nextLong()) / 2 : random.nextInt(1000);
        for (int i = 0; i < 4; i++) {
            modules.add(new Module(name(), bytes(random.nextBoolean() ? 20 : 0)));
        }
        for (int i = 0; i < 12; i++) {
            frames.add(new Frame(random.nextLong() >>> 16, random.nextInt(5) == 0 ? null : pick(modules),
                    random.nextInt(1 << 24), random.nextInt(4) == 0 ? null : name(), random.nextInt(4096)));
        }
        for (int i = 0; i < 6; i++) {
            List<Frame> chain = new ArrayList<>();
            for (int depth = random.nextInt(40); depth > 0; depth--) {
                chain.add(pick(frames));
            }
            stacks.add(new Stack(chain, random.nextInt(8) == 0));
        }
    }

    static TraceHeader header() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("frequency", "99");
        options.put("strsize", "32");
        return new TraceHeader("x86_64", "6.1.0-test", "host.example", 1_000_000_000L, 1_764_000_000_000_000_000L,
                "0.1.0-test", List.of("tracekit", "record", "--", "ls", "-l"), options);
    }

    List<TraceEvent> events(int count) {
        List<TraceEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    TraceEvent next() {
        now += random.nextInt(8) == 0 ? -random.nextInt(1_000_000) : random.nextInt(50_000);
        int tid = pick(tids);
        return switch (random.nextInt(14)) {
            case 0, 1, 2, 3, 4 -> new Syscall(now, tid, number(), args(), random.nextInt(8) == 0
                    ? Math.abs(random.nextLong()) : random.nextInt(100_000), result(), captures());
            case 5 -> new SyscallEntry(now, tid, number(), args(), captures());
            case 6 -> new SignalDelivery(now, tid, 1 + random.nextInt(64), random.nextInt(7) - 6, random.nextInt(),
                    random.nextInt(), bytes(random.nextBoolean() ? 128 : 0));
            case 7 -> new ChildCreated(now, tid, pick(tids), pick(ChildCreated.Kind.values()));
            case 8 -> random.nextBoolean() ? new Exec(now, tid, pick(tids)) : new Exit(now, tid, random.nextInt());
            case 9 -> new ThreadRenamed(now, tid, name());
            case 10 -> new ProcessInfo(now, tid, random.nextInt(), name(), List.of(name(), name()), random.nextBoolean() ? name() : null);
            case 11 -> random.nextBoolean() ? new ThreadInfo(now, tid, pick(tids), name())
                    : new OpenFd(now, tid, random.nextInt(1 << 20), name());
            case 12 -> {
                long start = random.nextLong() >>> 17 << 12;
                yield new Mapping(now, tid, start, start + (random.nextInt(1 << 16) << 12), random.nextInt(1 << 20),
                        random.nextInt(16), name(), bytes(random.nextBoolean() ? 20 : 0));
            }
            default -> new StackSample(now, tid, pick(StackSample.Trigger.values()),
                    random.nextBoolean() ? StackSample.ON_CPU : random.nextInt(460), pick(stacks));
        };
    }

    /** Half the calls are one of three, so call sites recur with their recent values. */
    private int number() {
        return random.nextBoolean() ? random.nextInt(460) : new int[] {0, 1, 262}[random.nextInt(3)];
    }

    private SyscallArgs args() {
        long[] values = new long[random.nextInt(7)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(1024);
                case 1 -> 0x7ffc_0000_0000L + random.nextInt();
                case 2 -> -100;
                case 3 -> 0xffffff9cL;
                default -> random.nextLong();
            };
        }
        return SyscallArgs.of(values);
    }

    private long result() {
        return switch (random.nextInt(4)) {
            case 0 -> -1 - random.nextInt(133);
            case 1 -> random.nextLong();
            default -> random.nextInt(65536);
        };
    }

    private List<Capture> captures() {
        List<Capture> captures = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            ByteString bytes = switch (captured.isEmpty() ? 0 : random.nextInt(4)) {
                case 1 -> captured.get(random.nextInt(captured.size()));
                case 2 -> structLike();
                default -> bytes(random.nextInt(5) == 0 ? 0 : random.nextInt(300));
            };
            captured.add(bytes);
            long fullLength = switch (random.nextInt(3)) {
                case 0 -> bytes.length();
                case 1 -> Capture.UNKNOWN_LENGTH;
                default -> bytes.length() + (long) random.nextInt(Integer.MAX_VALUE) * random.nextInt(1000);
            };
            captures.add(new Capture(pick(Capture.Phase.values()), random.nextLong(), fullLength, bytes));
        }
        return captures;
    }

    /** 48 bytes of a fixed pattern with a few changed, like the next file's struct stat. */
    private ByteString structLike() {
        byte[] b = new byte[48];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        for (int changed = random.nextInt(6); changed > 0; changed--) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return ByteString.copyOf(b);
    }

    private String name() {
        return random.nextInt(5) == 0 ? "random-" + random.nextInt(100) : pick(NAMES);
    }

    private ByteString bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return ByteString.copyOf(b);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
