package dev.tracekit.stack;

/**
 * Finds the frame record [saved rbp, return address] that a function built with frame pointers
 * pushed, by scanning its stack up from sp: for such a frame whose rbp no register told (a
 * thread asleep in a call, whose /proc/TID/syscall gives only sp and pc), and whose CFI computes
 * its CFA from rbp. A candidate counts when its return address is in code and the record it
 * links to holds one too, or it ends the chain: data on a stack seldom looks like that twice.
 */
final class FrameRecords {
    static final long NONE = -1;
    /** How far above sp a frame record is looked for: a frame's own locals lie between. */
    private static final long SCAN_BYTES = 16 * 1024;
    /** A caller's record lies above its callee's, and not this far. */
    private static final long MAX_LINK_BYTES = 1024 * 1024;

    private FrameRecords() {
    }

    /** The address of the first frame record at or above {@code sp}, or {@link #NONE}. */
    static long find(long sp, Memory memory, Modules modules) {
        for (long at = (sp + 7) & ~7L; at - sp < SCAN_BYTES; at += 8) {
            try {
                if (isRecord(at, memory, modules)) {
                    return at;
                }
            } catch (UnreadableMemoryException e) {
                return NONE; // past the copy of the stack
            }
        }
        return NONE;
    }

    private static boolean isRecord(long at, Memory memory, Modules modules) {
        if (modules.find(memory.readLong(at + 8)) == null) {
            return false;
        }
        long savedRbp = memory.readLong(at);
        if (savedRbp == 0) {
            return true; // the chain's end, as threads and _start leave it
        }
        if ((savedRbp & 7) != 0 || Long.compareUnsigned(savedRbp, at) <= 0 || savedRbp - at > MAX_LINK_BYTES) {
            return false;
        }
        try {
            long linked = memory.readLong(savedRbp);
            return (linked == 0 || Long.compareUnsigned(linked, savedRbp) > 0)
                    && modules.find(memory.readLong(savedRbp + 8)) != null;
        } catch (UnreadableMemoryException e) {
            return true; // beyond the copy: what can be checked holds
        }
    }
}
