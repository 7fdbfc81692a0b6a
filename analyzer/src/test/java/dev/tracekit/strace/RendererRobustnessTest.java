package dev.tracekit.strace;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * Any call, with any arguments and any memory captured (short, long, garbage), prints without
 * failing: a log from a newer recorder or a misbehaving program must not stop the printer.
 */
class RendererRobustnessTest {
    private static final long[] POINTERS = {0x7ffd00001000L, 0x7ffd00002000L, 0x7ffd00003000L};
    private static final long[] NUMBERS = {0, 1, 2, 3, 8, 16, 64, 128, 4096, -1, -100, 0xffffffffL, Long.MIN_VALUE,
        0x7fffffffffffffffL, 0x1000000000L};
    private static final long[] RESULTS = {0, 1, 2, 16, 144, 4096, -1, -2, -4, -14, -512, -516, -4095, 0x7f0000000000L};

    @Test
    void everyCallPrintsWhateverItsArgumentsAndMemory() {
        Random random = new Random(42);
        SyscallRenderer renderer = new SyscallRenderer(Calls.X86_64, StraceOptions.plain());
        SyscallRenderer hex = new SyscallRenderer(Calls.X86_64, StraceOptions.plain().withHexStrings(HexStrings.ALL)
                .withStringLimit(4));
        List<Integer> numbers = new ArrayList<>();
        Calls.X86_64.all().forEach(info -> numbers.add(info.number()));
        numbers.add(500);
        for (int number : numbers) {
            for (int round = 0; round < 30; round++) {
                long[] args = new long[SyscallArgs.COUNT];
                for (int i = 0; i < args.length; i++) {
                    args[i] = random.nextBoolean() ? POINTERS[random.nextInt(POINTERS.length)]
                            : NUMBERS[random.nextInt(NUMBERS.length)];
                }
                List<Capture> captures = new ArrayList<>();
                for (long pointer : POINTERS) {
                    for (Capture.Phase phase : Capture.Phase.values()) {
                        if (random.nextInt(3) > 0) {
                            byte[] bytes = new byte[random.nextInt(300)];
                            random.nextBytes(bytes);
                            long full = random.nextBoolean() ? bytes.length : Capture.UNKNOWN_LENGTH;
                            captures.add(new Capture(phase, pointer, full, ByteString.copyOf(bytes)));
                        }
                    }
                }
                Syscall call = new Syscall(1, 7, number, new SyscallArgs(args[0], args[1], args[2], args[3], args[4],
                        args[5]), 1, RESULTS[random.nextInt(RESULTS.length)], captures);
                SyscallEntry entry = new SyscallEntry(1, 7, number, call.args(), captures);
                String name = Calls.X86_64.byNumber(number).map(SyscallInfo::name).orElse("syscall " + number);
                assertDoesNotThrow(() -> renderer.text(call), () -> name + " " + call);
                assertDoesNotThrow(() -> hex.text(call), () -> name + " " + call);
                assertDoesNotThrow(() -> renderer.arguments(entry), () -> name + " " + entry);
            }
        }
    }
}
