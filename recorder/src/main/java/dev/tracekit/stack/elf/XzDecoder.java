package dev.tracekit.stack.elf;

import dev.tracekit.ptrace.NativeBuffer;
import jnr.ffi.LibraryLoader;

/**
 * Decompresses a whole .xz stream with liblzma's lzma_stream_buffer_decode, through jnr-ffi:
 * MiniDebugInfo needs xz, the JDK has no decoder, and liblzma is on every system that has
 * xz-utils, so no new Java dependency is needed. {@link #available()} is false without it.
 */
final class XzDecoder {
    private static final int LZMA_OK = 0;
    private static final int LZMA_BUF_ERROR = 10;
    private static final int MAX_OUTPUT = 256 << 20;
    private static final LibLzma LZMA = load();

    private XzDecoder() {
    }

    public interface LibLzma {
        int lzma_stream_buffer_decode(long memoryLimit, int flags, long allocator, long in, long inPosition,
                                      long inSize, long out, long outPosition, long outSize);
    }

    static boolean available() {
        return LZMA != null;
    }

    /** The decompressed bytes, or null when liblzma is missing or the stream is corrupt. */
    static synchronized byte[] decode(byte[] compressed) {
        if (LZMA == null) {
            return null;
        }
        NativeBuffer in = new NativeBuffer(compressed.length);
        in.put(0, compressed, 0, compressed.length);
        NativeBuffer counters = new NativeBuffer(24); // memory limit, input position, output position
        for (int outSize = Math.max(64 * 1024, compressed.length * 8); outSize <= MAX_OUTPUT; outSize *= 2) {
            NativeBuffer out = new NativeBuffer(outSize);
            counters.putLong(0, -1L);
            counters.putLong(8, 0);
            counters.putLong(16, 0);
            int result = LZMA.lzma_stream_buffer_decode(counters.address(), 0, 0, in.address(), counters.address() + 8,
                    compressed.length, out.address(), counters.address() + 16, outSize);
            if (result == LZMA_OK) {
                byte[] bytes = new byte[(int) counters.getLong(16)];
                out.get(0, bytes, 0, bytes.length);
                return bytes;
            }
            if (result != LZMA_BUF_ERROR) {
                return null;
            }
        }
        return null;
    }

    private static LibLzma load() {
        try {
            return LibraryLoader.create(LibLzma.class).load("liblzma.so.5");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
