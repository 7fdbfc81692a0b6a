package dev.tracekit.record;

import dev.tracekit.trace.event.SyscallArgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system call a thread is blocked in, as /proc/TID/syscall tells while it sleeps there:
 * "NR ARG1 ... ARG6 SP PC" ("running" when on a CPU, "-1 SP PC" when blocked outside a call).
 * For tracing without syscall stops, where only this says a thread is inside a call.
 */
record BlockedCall(int number, SyscallArgs args, long sp, long pc) {
    private static final int FIELDS = 9;

    /** The call {@code tid} is blocked in, or null: running, blocked outside a call, or gone. */
    static BlockedCall of(int tid) {
        try {
            return parse(Files.readString(Path.of("/proc", Integer.toString(tid), "syscall"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return null;
        }
    }

    static BlockedCall parse(String text) {
        String[] fields = text.trim().split(" ");
        if (fields.length != FIELDS) {
            return null;
        }
        try {
            return new BlockedCall(Integer.parseInt(fields[0]), new SyscallArgs(hex(fields[1]), hex(fields[2]), hex(fields[3]),
                    hex(fields[4]), hex(fields[5]), hex(fields[6])), hex(fields[7]), hex(fields[8]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long hex(String field) {
        return Long.parseUnsignedLong(field.startsWith("0x") ? field.substring(2) : field, 16);
    }
}
