package dev.tracekit.cli;

import dev.tracekit.strace.HexStrings;
import dev.tracekit.strace.StraceOptions;
import dev.tracekit.strace.TimestampStyle;
import picocli.CommandLine.Option;

/** The options of analyze --strace, each named after the strace option it mirrors. */
final class StraceTextOptions {
    enum Timestamps { none, t, tt, ttt, r }

    @Option(names = "--strace", description = "Print the recording as strace text (as strace -f -tt -T -o FILE prints it).")
    boolean enabled;

    @Option(names = "--timestamps", paramLabel = "none|t|tt|ttt|r", defaultValue = "tt",
            description = "With --strace: strace's -t, -tt, -ttt or -r; or none. Default: ${DEFAULT-VALUE}.")
    Timestamps timestamps;

    @Option(names = "--no-durations", description = "With --strace: leave out the <seconds> of each call (strace -T).")
    boolean noDurations;

    @Option(names = {"-y", "--fd-paths"}, description = "With --strace: print file descriptors with their paths (strace -y).")
    boolean fdPaths;

    @Option(names = {"-s", "--string-limit"}, paramLabel = "N", defaultValue = "32",
            description = "With --strace: bytes of strings and buffers shown, up to what was recorded (strace -s). Default: ${DEFAULT-VALUE}.")
    int stringLimit;

    @Option(names = "-x", description = "With --strace: non-printable strings in hex; -xx: every string in hex (strace -x, -xx).")
    boolean[] hex = new boolean[0];

    @Option(names = {"-n", "--syscall-number"}, description = "With --strace: each line's syscall number after the timestamp, [  59] (strace -n).")
    boolean syscallNumbers;

    @Option(names = "-e", paramLabel = "trace=SET", description = "With --strace: only these syscalls, as strace -e trace=SET.")
    String filter;

    StraceOptions toOptions() {
        TimestampStyle style = switch (timestamps) {
            case none -> TimestampStyle.NONE;
            case t -> TimestampStyle.SECONDS;
            case tt -> TimestampStyle.MICROSECONDS;
            case ttt -> TimestampStyle.EPOCH;
            case r -> TimestampStyle.RELATIVE;
        };
        HexStrings hexStrings = hex.length == 0 ? HexStrings.NONE : hex.length == 1 ? HexStrings.NON_ASCII : HexStrings.ALL;
        StraceOptions options = StraceOptions.defaults().withTimestamps(style).withDurations(!noDurations)
                .withFdPaths(fdPaths).withStringLimit(stringLimit).withHexStrings(hexStrings)
                .withSyscallNumbers(syscallNumbers);
        return filter == null ? options : options.withTraceSet(filter.startsWith("trace=") ? filter.substring(6) : filter);
    }
}
