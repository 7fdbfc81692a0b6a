package dev.tracekit.db;

import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.Syscall;

import java.nio.charset.StandardCharsets;

/**
 * A log's call as {@link FdTracker} reads it: numbers from the registers, strings and the pipe
 * pair from the memory captured. One instance, pointed at each call in turn, so that the import
 * allocates nothing per call.
 */
final class LogFdCall implements FdCall {
    private final SyscallNames names;
    private Syscall call;

    LogFdCall(SyscallNames names) {
        this.names = names;
    }

    LogFdCall of(Syscall call) {
        this.call = call;
        return this;
    }

    @Override
    public String name() {
        return names.of(call.number());
    }

    @Override
    public boolean failed() {
        return call.failed();
    }

    @Override
    public long result() {
        return call.result();
    }

    @Override
    public long arg(int index) {
        return call.args().get(index);
    }

    @Override
    public String path(int index) {
        long address = call.args().get(index);
        for (Capture capture : call.captures()) {
            if (capture.phase() == Capture.Phase.ENTRY && capture.address() == address) {
                return new String(capture.bytes().toByteArray(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public int[] pair(int index) {
        long address = call.args().get(index);
        for (Capture capture : call.captures()) {
            if (capture.phase() == Capture.Phase.EXIT && capture.address() == address && capture.bytes().length() >= 8) {
                return new int[] {littleEndianInt(capture, 0), littleEndianInt(capture, 4)};
            }
        }
        return null;
    }

    /** A log has no such text: the path comes from the captured argument. */
    @Override
    public String resultPath() {
        return null;
    }

    private static int littleEndianInt(Capture capture, int at) {
        return (capture.bytes().byteAt(at) & 0xff) | (capture.bytes().byteAt(at + 1) & 0xff) << 8
                | (capture.bytes().byteAt(at + 2) & 0xff) << 16 | (capture.bytes().byteAt(at + 3) & 0xff) << 24;
    }
}
