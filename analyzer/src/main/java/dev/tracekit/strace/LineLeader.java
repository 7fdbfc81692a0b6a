package dev.tracekit.strace;

import java.util.HashMap;
import java.util.Map;

/**
 * What starts each line, as strace's printleader prints it: the tid as {@code %-5d }, the
 * timestamp of -t, -tt, -ttt or -r, and with -n the number of the call the thread made last,
 * {@code [  59] }, on its signal and exit lines too. A thread that has made no call yet shows 0,
 * as strace's zeroed record of it does; a number not known shows {@code [?] }.
 */
final class LineLeader {
    private final LineClock clock;
    /** With -n, else null. */
    private final Map<Integer, Integer> lastCall;

    LineLeader(StraceOptions options) {
        this.clock = new LineClock(options);
        this.lastCall = options.syscallNumbers() ? new HashMap<>() : null;
    }

    /** The thread entered call {@code number}, or one whose number is not known (null). */
    void entered(int tid, Integer number) {
        if (lastCall != null) {
            lastCall.put(tid, number);
        }
    }

    /** {@code lineNanos} feeds -r; {@code wallNanos} the other timestamps. */
    void append(StringBuilder line, int tid, long wallNanos, long lineNanos) {
        String digits = Integer.toString(tid);
        line.append(digits);
        for (int width = digits.length(); width < 5; width++) {
            line.append(' ');
        }
        line.append(' ');
        clock.timestamp(line, wallNanos, lineNanos);
        if (lastCall != null) {
            appendNumber(line, lastCall.getOrDefault(tid, 0));
        }
    }

    private static void appendNumber(StringBuilder line, Integer number) {
        if (number == null) {
            line.append("[?] ");
            return;
        }
        String digits = Integer.toString(number);
        line.append('[');
        for (int width = digits.length(); width < 4; width++) {
            line.append(' ');
        }
        line.append(digits).append("] ");
    }
}
