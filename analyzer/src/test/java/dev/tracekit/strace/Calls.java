package dev.tracekit.strace;

import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds syscall events by hand, with the memory the recorder would have captured. */
final class Calls {
    static final SyscallTable X86_64 = SyscallTable.forArch("x86_64");

    private final int number;
    private final long[] args;
    private final List<Capture> captures = new ArrayList<>();
    private int tid = 100;

    private Calls(String name, long... args) {
        this.number = X86_64.byName(name).orElseThrow(() -> new IllegalArgumentException(name)).number();
        this.args = args;
    }

    private Calls(int number, long... args) {
        this.number = number;
        this.args = args;
    }

    static Calls call(String name, long... args) {
        return new Calls(name, args);
    }

    static Calls number(int number, long... args) {
        return new Calls(number, args);
    }

    Calls tid(int value) {
        tid = value;
        return this;
    }

    /** A NUL-terminated string (path, argv element) read at entry, whole. */
    Calls string(long address, String text) {
        return entry(address, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A string longer than the recorder's limit: its first bytes, length unknown. */
    Calls cutString(long address, String start) {
        captures.add(new Capture(Capture.Phase.ENTRY, address, Capture.UNKNOWN_LENGTH,
                ByteString.copyOf(start.getBytes(StandardCharsets.ISO_8859_1))));
        return this;
    }

    Calls entry(long address, byte[] bytes) {
        captures.add(new Capture(Capture.Phase.ENTRY, address, bytes.length, ByteString.copyOf(bytes)));
        return this;
    }

    Calls exit(long address, byte[] bytes) {
        captures.add(new Capture(Capture.Phase.EXIT, address, bytes.length, ByteString.copyOf(bytes)));
        return this;
    }

    /** {@code shown} bytes captured of an object of {@code fullLength}. */
    Calls exit(long address, byte[] shown, long fullLength) {
        captures.add(new Capture(Capture.Phase.EXIT, address, fullLength, ByteString.copyOf(shown)));
        return this;
    }

    Calls entry(long address, byte[] shown, long fullLength) {
        captures.add(new Capture(Capture.Phase.ENTRY, address, fullLength, ByteString.copyOf(shown)));
        return this;
    }

    Syscall returning(long result) {
        return new Syscall(1_000, tid, number, SyscallArgs.of(args), 5_000, result, captures);
    }

    SyscallEntry entered() {
        return new SyscallEntry(1_000, tid, number, SyscallArgs.of(args), captures);
    }

    /** Little-endian bytes of longs, ints and shorts, as x86_64 lays out a struct. */
    static byte[] longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }

    /** A struct of {@code size} bytes, zero but where values are put. */
    static Struct struct(int size) {
        return new Struct(size);
    }

    /** A struct under construction, little-endian. */
    static final class Struct {
        private final ByteBuffer buffer;

        Struct(int size) {
            buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }

        Struct u16(int offset, int value) {
            buffer.putShort(offset, (short) value);
            return this;
        }

        Struct u16be(int offset, int value) {
            buffer.put(offset, (byte) (value >> 8)).put(offset + 1, (byte) value);
            return this;
        }

        Struct s32(int offset, int value) {
            buffer.putInt(offset, value);
            return this;
        }

        Struct s64(int offset, long value) {
            buffer.putLong(offset, value);
            return this;
        }

        Struct bytes(int offset, byte[] value) {
            buffer.put(offset, value);
            return this;
        }

        byte[] build() {
            return buffer.array();
        }
    }
}
