package dev.tracekit.stracetext;

import dev.tracekit.db.SignalNames;

import java.util.HashMap;
import java.util.Map;

/** Signal numbers by the names strace prints, the inverse of {@link SignalNames}. */
final class SignalNumbers {
    private static final int MAX_SIGNAL = 64;
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int signal = 1; signal <= MAX_SIGNAL; signal++) {
            BY_NAME.put(SignalNames.name(signal), signal);
        }
        BY_NAME.put("SIGRTMIN", 32);
        BY_NAME.put("SIGIOT", 6);
        BY_NAME.put("SIGPOLL", 29);
    }

    private SignalNumbers() {
    }

    /** The number, or null for a name Linux does not have. */
    static Integer of(String name) {
        return BY_NAME.get(name);
    }
}
