package dev.tracekit.record;

import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.syscalls.ArgKind;
import dev.tracekit.syscalls.SizeSource;
import dev.tracekit.syscalls.StructSizes;
import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Capture.Phase;
import dev.tracekit.trace.event.SyscallArgs;

import java.util.List;
import java.util.Set;

/**
 * Captures what syscall arguments point to, driven by the argument kinds of the syscall table:
 * strings and input buffers at entry, output buffers and structs at exit, as strace prints them.
 * Strings and buffers are cut at the string limit (-s); paths are read whole, as strace shows
 * them whole. A failed call has nothing read at exit (but for an interrupted sleep's time left),
 * and a NULL pointer is never followed.
 */
final class CapturePlan implements ArgumentCapture {
    private static final int PATH_MAX = 4096;
    private static final int SOCKADDR_MAX = 128;
    private static final int FD_SETSIZE_BYTES = 128;
    private static final int MAX_IOVECS = 1024;
    private static final int MAX_ARRAY_STRINGS = 1024;
    private static final int MSGHDR_SIZE = 56;
    private static final int MAX_CONTROL = 1024;
    /** Calls whose output buffer holds a path, which strace prints whole whatever -s says. */
    private static final Set<String> PATH_RESULTS = Set.of("readlink", "readlinkat", "getcwd");
    /** Bytes captured per call and phase at most, whatever -s says, so no event outgrows a chunk. */
    private static final int BUDGET = 4 << 20;
    private static final ArgKind[] NO_KINDS = new ArgKind[0];
    private static final long ERESTARTSYS = 512;
    private static final long ERESTART_RESTARTBLOCK = 516;

    private final ProcessMemory memory = new ProcessMemory();
    private final int stringLimit;
    private final ArgKind[][] kindsByNumber;
    private final int[][] structSizesByNumber;
    private final boolean[] pathResultByNumber;
    private long budget;

    CapturePlan(SyscallTable table, int stringLimit) {
        this.stringLimit = stringLimit;
        int size = table.all().stream().mapToInt(SyscallInfo::number).max().orElse(-1) + 1;
        kindsByNumber = new ArgKind[size][];
        structSizesByNumber = new int[size][];
        pathResultByNumber = new boolean[size];
        StructSizes structs = table.structSizes();
        for (SyscallInfo info : table.all()) {
            List<ArgKind> args = info.args();
            kindsByNumber[info.number()] = args.toArray(new ArgKind[0]);
            int[] sizes = new int[args.size()];
            for (int i = 0; i < args.size(); i++) {
                ArgKind kind = args.get(i);
                String struct = kind.struct().or(() -> kind.kind().impliedStruct()).orElse(null);
                sizes[i] = struct == null ? 0 : structs.sizeOf(struct).orElse(0);
            }
            structSizesByNumber[info.number()] = sizes;
            pathResultByNumber[info.number()] = PATH_RESULTS.contains(info.name());
        }
    }

    @Override
    public void atEntry(int tid, int number, SyscallArgs args, List<Capture> into) {
        ArgKind[] kinds = kinds(number);
        budget = BUDGET;
        for (int i = 0; i < kinds.length; i++) {
            ArgKind.Reads reads = kinds[i].kind().reads();
            if (reads == ArgKind.Reads.AT_ENTRY || reads == ArgKind.Reads.AT_ENTRY_AND_EXIT) {
                capture(Phase.ENTRY, tid, number, i, args, 0, into);
            }
        }
    }

    /**
     * A failed call has nothing read at exit, except the output structs of one a signal
     * interrupted (ERESTARTSYS..ERESTART_RESTARTBLOCK): there nanosleep and clock_nanosleep leave
     * the time left, which strace prints.
     */
    @Override
    public void atExit(int tid, int number, SyscallArgs args, long result, List<Capture> into) {
        boolean interrupted = result <= -ERESTARTSYS && result >= -ERESTART_RESTARTBLOCK;
        if (result < 0 && result >= -4095 && !interrupted) {
            return;
        }
        ArgKind[] kinds = kinds(number);
        budget = BUDGET;
        for (int i = 0; i < kinds.length; i++) {
            ArgKind.Reads reads = kinds[i].kind().reads();
            boolean wanted = !interrupted || kinds[i].kind() == ArgKind.Kind.STRUCT_OUT;
            if (wanted && (reads == ArgKind.Reads.AT_EXIT || reads == ArgKind.Reads.AT_ENTRY_AND_EXIT)) {
                capture(Phase.EXIT, tid, number, i, args, result, into);
            }
        }
    }

    private void capture(Phase phase, int tid, int number, int index, SyscallArgs args, long result, List<Capture> into) {
        long address = args.get(index);
        if (address == 0) {
            return;
        }
        ArgKind kind = kindsByNumber[number][index];
        int structSize = structSizesByNumber[number][index];
        switch (kind.kind()) {
            case PATH -> string(phase, tid, address, PATH_MAX, into);
            case STRING -> string(phase, tid, address, stringLimit, into);
            case STRARRAY -> stringArray(phase, tid, address, into);
            case BUF_IN, BUF_OUT -> bytes(phase, tid, address, size(number, kind, args, result, tid),
                    pathResultByNumber[number] ? PATH_MAX : stringLimit, into);
            case STRUCT_IN, STRUCT_OUT, STRUCT_INOUT -> {
                long size = kind.size().isPresent() ? Math.min(size(number, kind, args, result, tid), structSize) : structSize;
                bytes(phase, tid, address, size, structSize, into);
            }
            case ARRAY_IN, ARRAY_OUT, ARRAY_INOUT -> {
                long count = size(number, kind, args, result, tid);
                long shown = Math.min(count, Math.max(stringLimit, 1));
                bytes(phase, tid, address, saturatedProduct(count, structSize), (int) (shown * structSize), into);
            }
            case SOCKADDR_IN, SOCKADDR_OUT -> bytes(phase, tid, address, size(number, kind, args, result, tid), SOCKADDR_MAX, into);
            case FDSET_INOUT -> {
                long bits = size(number, kind, args, result, tid);
                bytes(phase, tid, address, (bits + 63) / 64 * 8, FD_SETSIZE_BYTES, into);
            }
            case IOV_IN -> iovecs(phase, tid, address, args.get(kind.size().orElseThrow().argument()), Long.MAX_VALUE, into);
            case IOV_OUT -> iovecs(phase, tid, address, args.get(kind.size().orElseThrow().argument()), result, into);
            case MSGHDR_IN -> message(phase, tid, address, Long.MAX_VALUE, into);
            case MSGHDR_OUT -> message(phase, tid, address, result, into);
            case INTPTR_OUT -> bytes(phase, tid, address, 4, 4, into);
            default -> {
                // Shown from the register value alone.
            }
        }
    }

    /** An argument's size: another argument, the result, or the int an intptr_out argument points to. */
    private long size(int number, ArgKind kind, SyscallArgs args, long result, int tid) {
        SizeSource source = kind.size().orElse(null);
        if (source == null) {
            return 0;
        }
        if (source.isResult()) {
            return result;
        }
        long value = args.get(source.argument());
        if (kindsByNumber[number][source.argument()].kind() != ArgKind.Kind.INTPTR_OUT) {
            return value;
        }
        return value != 0 && memory.read(tid, value, 4) == 4 ? readInt(memory.bytes(), 0) : 0;
    }

    private void string(Phase phase, int tid, long address, int limit, List<Capture> into) {
        for (Capture earlier : into) {
            if (earlier.address() == address && earlier.phase() == phase) {
                return;   // execve's path is often argv[0] itself
            }
        }
        limit = (int) Math.min(limit, budget);
        int length = memory.readString(tid, address, limit);
        if (length < 0) {
            return;
        }
        int kept = Math.min(length, limit);
        budget -= kept;
        into.add(new Capture(phase, address, length > limit ? Capture.UNKNOWN_LENGTH : length,
                ByteString.copyOf(memory.stringBytes(), 0, kept)));
    }

    /** argv and envp: the pointer array up to its NULL, then each string it points to. */
    private void stringArray(Phase phase, int tid, long address, List<Capture> into) {
        int got = memory.read(tid, address, 8 * (MAX_ARRAY_STRINGS + 1));
        if (got < 0) {
            return;
        }
        int count = 0;
        while (count < got / 8 && readLong(memory.bytes(), 8 * count) != 0) {
            count++;
        }
        boolean terminated = count < got / 8;
        long[] pointers = new long[count];
        for (int i = 0; i < count; i++) {
            pointers[i] = readLong(memory.bytes(), 8 * i);
        }
        int arrayBytes = 8 * (count + (terminated ? 1 : 0));
        into.add(new Capture(phase, address, terminated ? arrayBytes : Capture.UNKNOWN_LENGTH,
                ByteString.copyOf(memory.bytes(), 0, arrayBytes)));
        for (long pointer : pointers) {
            string(phase, tid, pointer, stringLimit, into);
        }
    }

    /** readv/writev buffers: the iovec array, then each buffer, with {@code total} bytes in all. */
    private void iovecs(Phase phase, int tid, long address, long count, long total, List<Capture> into) {
        int entries = (int) Math.min(Math.max(count, 0), MAX_IOVECS);
        int got = memory.read(tid, address, 16 * entries);
        if (got < 16) {
            return;
        }
        entries = got / 16;
        into.add(new Capture(phase, address, 16L * Math.max(count, 0), ByteString.copyOf(memory.bytes(), 0, 16 * entries)));
        long[] bases = new long[entries];
        long[] lengths = new long[entries];
        for (int i = 0; i < entries; i++) {
            bases[i] = readLong(memory.bytes(), 16 * i);
            lengths[i] = readLong(memory.bytes(), 16 * i + 8);
        }
        long left = total;
        for (int i = 0; i < entries && left > 0; i++) {
            long length = Math.min(lengths[i], left);
            if (bases[i] != 0) {
                bytes(phase, tid, bases[i], length, stringLimit, into);
            }
            left -= length;
        }
    }

    /** sendmsg/recvmsg: the msghdr, the address it names, its iovecs and its control data. */
    private void message(Phase phase, int tid, long address, long total, List<Capture> into) {
        int got = memory.read(tid, address, MSGHDR_SIZE);
        if (got < MSGHDR_SIZE) {
            return;
        }
        byte[] header = memory.bytes();
        long name = readLong(header, 0);
        long nameLength = readLong(header, 8) & 0xffffffffL;
        long iov = readLong(header, 16);
        long iovCount = readLong(header, 24);
        long control = readLong(header, 32);
        long controlLength = readLong(header, 40);
        into.add(new Capture(phase, address, MSGHDR_SIZE, ByteString.copyOf(header, 0, MSGHDR_SIZE)));
        if (name != 0) {
            bytes(phase, tid, name, nameLength, SOCKADDR_MAX, into);
        }
        if (iov != 0) {
            iovecs(phase, tid, iov, iovCount, total, into);
        }
        if (control != 0) {
            bytes(phase, tid, control, controlLength, MAX_CONTROL, into);
        }
    }

    /**
     * Up to {@code cap} of the {@code fullLength} bytes at {@code address}. An empty object is
     * captured too: it prints as "" where an unreadable one prints as its address.
     */
    private void bytes(Phase phase, int tid, long address, long fullLength, int cap, List<Capture> into) {
        if (fullLength < 0) {
            return;
        }
        int wanted = (int) Math.min(Math.min(fullLength, cap), budget);
        if (wanted == 0) {
            into.add(new Capture(phase, address, fullLength, ByteString.EMPTY));
            return;
        }
        int got = memory.read(tid, address, wanted);
        if (got > 0) {
            budget -= got;
            into.add(new Capture(phase, address, fullLength, ByteString.copyOf(memory.bytes(), 0, got)));
        }
    }

    private ArgKind[] kinds(int number) {
        ArgKind[] kinds = number >= 0 && number < kindsByNumber.length ? kindsByNumber[number] : null;
        return kinds == null ? NO_KINDS : kinds;
    }

    private static long saturatedProduct(long count, int size) {
        return count <= 0 ? 0 : count > Long.MAX_VALUE / Math.max(size, 1) ? Long.MAX_VALUE : count * size;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private static long readLong(byte[] bytes, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }
}
