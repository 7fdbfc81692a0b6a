package dev.tracekit.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Linux errno names and messages, the same on every architecture tracekit supports. */
public final class Errno {
    private static final int MAX = 4095;
    private static final String[] NAMES = new String[MAX + 1];
    private static final String[] MESSAGES = new String[MAX + 1];

    static {
        try (InputStream in = Errno.class.getResourceAsStream("errnos-linux.tbl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                int number = Integer.parseInt(fields[0]);
                NAMES[number] = fields[1];
                MESSAGES[number] = fields[2];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Errno() {
    }

    /** The symbolic name, such as ENOENT; {@code E<number>} for values without one. */
    public static String name(int errno) {
        return known(errno) ? NAMES[errno] : "E" + errno;
    }

    /** The message strace prints after the name, such as "No such file or directory". */
    public static String message(int errno) {
        return known(errno) ? MESSAGES[errno] : "Unknown error " + errno;
    }

    /** "ENOENT (No such file or directory)", as in strace's output and in our error messages. */
    public static String describe(int errno) {
        return name(errno) + " (" + message(errno) + ")";
    }

    private static boolean known(int errno) {
        return errno > 0 && errno <= MAX && NAMES[errno] != null;
    }
}
