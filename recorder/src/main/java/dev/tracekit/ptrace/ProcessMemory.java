package dev.tracekit.ptrace;

/**
 * Reads another process's memory with process_vm_readv(2) into reused buffers. Remote ranges are
 * split at page boundaries, so a read that runs into an unmapped page returns what came before it.
 */
public final class ProcessMemory {
    private static final int PAGE = 4096;
    /** The most bytes one read returns; captures are capped far below. */
    public static final int MAX_READ = 1 << 20;
    private static final int FIRST_STRING_PIECE = 256;
    private static final int EFAULT = 14;
    private static final long SYS_PROCESS_VM_READV = Native.syscallNumber("process_vm_readv");

    private final LibC libc = Native.libc();
    private NativeBuffer local = new NativeBuffer(64 * 1024);
    private final NativeBuffer localIov = new NativeBuffer(16);
    private final NativeBuffer remoteIovs = new NativeBuffer(16 * (MAX_READ / PAGE + 2));
    private byte[] bytes = new byte[64 * 1024];
    private byte[] string = new byte[4096];

    /**
     * Reads up to {@code length} bytes at {@code address} of {@code pid}; returns how many were
     * read (fewer when an unmapped page came first), or -errno when none could be.
     * The bytes are then in {@link #bytes()}.
     */
    public int read(int pid, long address, int length) {
        length = Math.min(length, MAX_READ);
        if (length <= 0) {
            return 0;
        }
        if (local.size() < length) {
            local = new NativeBuffer(Math.max(length, local.size() * 2));
        }
        localIov.putLong(0, local.address());
        localIov.putLong(8, length);
        int pieces = 0;
        long at = address;
        long end = address + length;
        while (at < end) {
            long pieceEnd = Math.min(end, (at & -PAGE) + PAGE);
            remoteIovs.putLong(16L * pieces, at);
            remoteIovs.putLong(16L * pieces + 8, pieceEnd - at);
            pieces++;
            at = pieceEnd;
        }
        long got = libc.syscall(SYS_PROCESS_VM_READV, pid, localIov.address(), 1, remoteIovs.address(), pieces, 0);
        if (got < 0) {
            return -Native.errno();
        }
        if (bytes.length < got) {
            bytes = new byte[Math.max((int) got, bytes.length * 2)];
        }
        local.get(0, bytes, 0, (int) got);
        return (int) got;
    }

    /**
     * Reads a NUL-terminated string of at most {@code limit} bytes (the NUL not included) into
     * {@link #stringBytes()}; returns its length, {@code limit + 1} when it is longer than the
     * limit, or -errno when not even its first byte is readable. Reads in pieces that never cross
     * a page, the first one short: most strings end within it.
     */
    public int readString(int pid, long address, int limit) {
        int wanted = Math.min(limit + 1, MAX_READ);
        if (string.length < wanted) {
            string = new byte[Math.max(wanted, string.length * 2)];
        }
        int have = 0;
        while (have < wanted) {
            long at = address + have;
            int piece = (int) Math.min(Math.min(wanted - have, have == 0 ? FIRST_STRING_PIECE : PAGE), (at & -PAGE) + PAGE - at);
            int got = read(pid, at, piece);
            if (got <= 0) {
                return have > 0 ? have : got == 0 ? -EFAULT : got;
            }
            int length = 0;
            while (length < got && bytes[length] != 0) {
                length++;
            }
            System.arraycopy(bytes, 0, string, have, length);
            have += length;
            if (length < got) {
                return have;
            }
        }
        return have;
    }

    /** The string of the last successful {@link #readString}. Valid until the next one. */
    public byte[] stringBytes() {
        return string;
    }

    /** The bytes of the last successful read. Valid until the next read. */
    public byte[] bytes() {
        return bytes;
    }
}
