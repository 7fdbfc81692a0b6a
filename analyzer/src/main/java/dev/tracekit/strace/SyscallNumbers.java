package dev.tracekit.strace;

import java.util.HashMap;
import java.util.Map;

/**
 * strace -n: after the timestamp, the number of the call each thread made last, {@code [  59] },
 * on its call lines and on its signal and exit lines too. A thread that has made no call yet
 * shows 0, as strace's zeroed record of it does; a number not known shows {@code [?] }.
 */
final class SyscallNumbers {
    private final Map<Integer, Integer> last = new HashMap<>();

    /** The thread entered call {@code number}, or null when its number is not known. */
    void entered(int tid, Integer number) {
        last.put(tid, number);
    }

    void append(StringBuilder line, int tid) {
        Integer number = last.getOrDefault(tid, 0);
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
