package dev.tracekit.report;

import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.time.Instant;
import java.util.List;

/**
 * One line of plain text per event, with raw numbers: what {@code tracekit dump} prints to show
 * exactly what a log holds. Times are seconds since the recording's clock anchor.
 */
public final class EventText {
    private static final int BYTES_SHOWN = 32;
    private final TraceHeader header;
    private final SyscallTable table;
    private final StringBuilder line = new StringBuilder(256);

    /** Syscalls are named from the table of the log's architecture, numbered when there is none. */
    public EventText(TraceHeader header) {
        this.header = header;
        SyscallTable known;
        try {
            known = SyscallTable.forArch(header.arch());
        } catch (IllegalArgumentException e) {
            known = null;
        }
        this.table = known;
    }

    public static List<String> describe(TraceHeader header, int minorVersion) {
        Instant anchor = Instant.ofEpochSecond(0, header.wallAnchor());
        return List.of(
                "# tracekit log, format 1." + minorVersion + ", written by tracekit " + header.recorderVersion(),
                "# host " + header.hostname() + ", " + header.arch() + ", Linux " + header.kernelRelease(),
                "# clock anchor: monotonic " + header.monotonicAnchor() + " ns = " + anchor,
                "# command line: " + String.join(" ", header.commandLine()),
                "# options: " + header.options());
    }

    public String format(TraceEvent event) {
        line.setLength(0);
        long relative = event.time() - header.monotonicAnchor();
        line.append(relative < 0 ? "-" : "+").append(seconds(Math.abs(relative))).append(' ');
        if (event instanceof Syscall e) {
            line.append("syscall tid=").append(e.tid()).append(' ').append(name(e.number()));
            args(e.args());
            line.append(" = ").append(e.result());
            if (e.failed()) {
                line.append(" (errno ").append(e.errno()).append(')');
            }
            line.append(" <").append(seconds(e.duration())).append('>');
            captures(e.captures());
        } else if (event instanceof SyscallEntry e) {
            line.append("syscall-entry tid=").append(e.tid()).append(' ').append(name(e.number()));
            args(e.args());
            line.append(" (never returned)");
            captures(e.captures());
        } else if (event instanceof SignalDelivery e) {
            line.append("signal tid=").append(e.tid()).append(" signo=").append(e.signal()).append(" code=").append(e.code())
                    .append(" sender=").append(e.senderPid()).append(" uid=").append(Integer.toUnsignedString(e.senderUid()));
        } else if (event instanceof ChildCreated e) {
            line.append("child tid=").append(e.parentTid()).append(" child=").append(e.childTid())
                    .append(" kind=").append(e.kind().name().toLowerCase());
        } else if (event instanceof Exec e) {
            line.append("exec pid=").append(e.pid()).append(" former-tid=").append(e.formerTid());
        } else if (event instanceof Exit e) {
            line.append("exit tid=").append(e.tid());
            if (e.exited()) {
                line.append(" code=").append(e.exitCode());
            } else {
                line.append(" signal=").append(e.termSignal()).append(e.coreDumped() ? " core-dumped" : "");
            }
        } else if (event instanceof ThreadRenamed e) {
            line.append("rename tid=").append(e.tid()).append(" name=").append(quote(e.name()));
        } else if (event instanceof ProcessInfo e) {
            line.append("process pid=").append(e.pid()).append(" ppid=").append(e.ppid()).append(" exe=").append(quote(e.exe()))
                    .append(" cwd=").append(quote(e.cwd())).append(" argv=[");
            for (int i = 0; i < e.argv().size(); i++) {
                line.append(i == 0 ? "" : ", ").append(quote(e.argv().get(i)));
            }
            line.append(']');
        } else if (event instanceof ThreadInfo e) {
            line.append("thread tid=").append(e.tid()).append(" pid=").append(e.pid()).append(" name=").append(quote(e.name()));
        } else if (event instanceof OpenFd e) {
            line.append("fd pid=").append(e.pid()).append(" fd=").append(e.fd()).append(" path=").append(quote(e.path()));
        } else if (event instanceof Mapping e) {
            line.append("map pid=").append(e.pid()).append(" 0x").append(Long.toHexString(e.start())).append("-0x")
                    .append(Long.toHexString(e.end())).append(' ').append(permissions(e.permissions()))
                    .append(" offset=0x").append(Long.toHexString(e.fileOffset())).append(" path=").append(quote(e.path()));
            if (e.buildId().length() > 0) {
                line.append(" build-id=").append(e.buildId().toHex());
            }
        } else if (event instanceof StackSample e) {
            line.append("sample tid=").append(e.tid()).append(" trigger=").append(e.trigger().name().toLowerCase())
                    .append(e.syscall() == StackSample.ON_CPU ? " on-cpu" : " in-syscall=" + name(e.syscall()))
                    .append(e.stack().truncated() ? " truncated" : "").append(" stack=[");
            List<Frame> frames = e.stack().frames();
            for (int i = 0; i < frames.size(); i++) {
                frame(i == 0 ? "" : "; ", frames.get(i));
            }
            line.append(']');
        }
        return line.toString();
    }

    private String name(int number) {
        return table != null ? table.displayName(number) : "syscall_" + number;
    }

    private void args(SyscallArgs args) {
        line.append(" args=(");
        int count = SyscallArgs.COUNT;
        while (count > 0 && args.get(count - 1) == 0) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            line.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(args.get(i)));
        }
        line.append(')');
    }

    private void captures(List<Capture> captures) {
        for (Capture capture : captures) {
            line.append(" [").append(capture.phase().name().toLowerCase()).append(" 0x").append(Long.toHexString(capture.address()))
                    .append(' ').append(capture.bytes().length()).append(" of ")
                    .append(capture.fullLength() == Capture.UNKNOWN_LENGTH ? "?" : Long.toString(capture.fullLength()))
                    .append(" bytes");
            int shown = Math.min(BYTES_SHOWN, capture.bytes().length());
            if (shown > 0) {
                line.append(' ');
                for (int i = 0; i < shown; i++) {
                    line.append(String.format("%02x", capture.bytes().byteAt(i) & 0xff));
                }
                line.append(shown < capture.bytes().length() ? "..." : "");
            }
            line.append(']');
        }
    }

    private void frame(String separator, Frame frame) {
        line.append(separator).append("0x").append(Long.toHexString(frame.pc()));
        if (frame.symbol() != null) {
            line.append(' ').append(frame.symbol()).append("+0x").append(Long.toHexString(frame.symbolOffset()));
        }
        if (frame.module() != null) {
            line.append(" (").append(frame.module().path()).append("+0x").append(Long.toHexString(frame.offset())).append(')');
        }
    }

    private static String permissions(int bits) {
        return ((bits & Mapping.READ) != 0 ? "r" : "-") + ((bits & Mapping.WRITE) != 0 ? "w" : "-")
                + ((bits & Mapping.EXECUTE) != 0 ? "x" : "-") + ((bits & Mapping.SHARED) != 0 ? "s" : "p");
    }

    private static String quote(String s) {
        if (s == null) {
            return "?";
        }
        StringBuilder quoted = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\x%02x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
