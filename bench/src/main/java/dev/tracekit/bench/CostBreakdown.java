package dev.tracekit.bench;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * Where a log's bytes go: the same events written again with one part taken out of each
 * (struct stat, buffer contents, paths, all captured memory, then durations too), so the
 * difference to the whole log is that part's cost.
 */
final class CostBreakdown {
    record Variant(String name, UnaryOperator<Syscall> change) {
    }

    private CostBreakdown() {
    }

    static List<Variant> variants() {
        return List.of(
                new Variant("as recorded", event -> event),
                new Variant("without struct stat", keep((call, c) -> !(call == MixSyscall.NEWFSTATAT && c.phase() == Capture.Phase.EXIT))),
                new Variant("without buffer contents", keep((call, c) -> !isBuffer(call))),
                new Variant("without paths", keep((call, c) -> !isPath(call, c))),
                new Variant("without any captured memory", keep((call, c) -> false)),
                new Variant("... and without durations", event -> new Syscall(event.time(), event.tid(), event.number(),
                        event.args(), 0, event.result(), List.of())));
    }

    /** What read, write, pread64 and getdents64 move: file data and directory entries. */
    private static boolean isBuffer(MixSyscall call) {
        return switch (call) {
            case READ, WRITE, PREAD64, GETDENTS64 -> true;
            default -> false;
        };
    }

    private static boolean isPath(MixSyscall call, Capture capture) {
        return capture.phase() == Capture.Phase.ENTRY && switch (call) {
            case NEWFSTATAT, OPENAT, ACCESS, READLINK, READLINKAT -> true;
            default -> false;
        };
    }

    private static UnaryOperator<Syscall> keep(BiPredicate<MixSyscall, Capture> kept) {
        return event -> {
            MixSyscall call = MixSyscall.byNumber(event.number());
            List<Capture> captures = new ArrayList<>(event.captures().size());
            for (Capture capture : event.captures()) {
                if (kept.test(call, capture)) {
                    captures.add(capture);
                }
            }
            return new Syscall(event.time(), event.tid(), event.number(), event.args(), event.duration(), event.result(), captures);
        };
    }
}
