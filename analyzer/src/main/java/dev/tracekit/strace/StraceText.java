package dev.tracekit.strace;

import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.ReadStatus;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.TraceEvent;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tracekit log as the text {@code strace -f -o FILE} writes, with strace's options
 * ({@link StraceOptions}): one line per call, {@code <unfinished ...>} and
 * {@code <... NAME resumed>} where threads interleave, signals, exits. Streams: memory holds
 * what happened while some thread was inside a call, at most {@link PrintQueue#CAPACITY} lines.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("run.strace"))) {
 *     ReadStatus status = StraceText.write(Path.of("run.trace"), out, StraceOptions.defaults());
 * }
 * }</pre>
 */
public final class StraceText {
    private final SyscallRenderer renderer;
    private final Set<Integer> traced;
    private final LogContext context;
    private final FdPaths fdPaths;
    private final PrintQueue queue;
    private final LineWriter lines;
    /** Calls that have not returned, by tid, awaiting their thread's end. */
    private final Map<Integer, RenderedCall> unfinished = new HashMap<>();
    /** Leaders whose next execve was entered under another tid, the one it had. */
    private final Map<Integer, Integer> execveEnteredAs = new HashMap<>();
    private long position;

    private StraceText(TraceReader reader, Writer out, StraceOptions options) {
        SyscallTable table = SyscallTable.forArch(reader.header().arch());
        this.renderer = new SyscallRenderer(table, options);
        this.traced = options.traceSet() == null ? null : table.resolveTraceSet(options.traceSet());
        this.fdPaths = options.fdPaths() ? new FdPaths() : null;
        this.context = new LogContext(fdPaths);
        this.lines = new LineWriter(out, options, reader.header());
        this.queue = new PrintQueue(lines);
    }

    /**
     * Writes the log at {@code log} as strace text to {@code out} (not closed).
     *
     * @return how the log ended: whole, or cut short (then the text stops where the log does)
     * @throws IllegalArgumentException for a -e trace= expression the table rejects, or a log
     *                                  of an architecture without a syscall table
     * @throws IOException              reading the log (a corrupt one: InvalidTraceException) or writing
     */
    public static ReadStatus write(Path log, Writer out, StraceOptions options) throws IOException {
        try (TraceReader reader = TraceReader.open(log)) {
            return write(reader, out, options);
        }
    }

    /** As {@link #write(Path, Writer, StraceOptions)}, from a reader positioned at its first event. */
    public static ReadStatus write(TraceReader reader, Writer out, StraceOptions options) throws IOException {
        StraceText text = new StraceText(reader, out, options);
        TraceEvent event;
        while ((event = reader.next()) != null) {
            text.accept(event);
        }
        text.queue.printAll();
        text.lines.finish();
        return reader.status();
    }

    private void accept(TraceEvent event) throws IOException {
        position++;
        if (event instanceof Syscall call) {
            syscall(call);
        } else if (event instanceof SyscallEntry entry) {
            syscallEntry(entry);
        } else if (event instanceof SignalDelivery signal) {
            signal(signal);
        } else if (event instanceof Exit exit) {
            exit(exit);
        } else if (event instanceof Exec exec) {
            exec(exec);
        } else if (event instanceof ChildCreated created) {
            queue.addChild(created.parentTid(), created.childTid());
            if (fdPaths != null) {
                fdPaths.child(created);
            }
        } else if (event instanceof ThreadInfo thread) {
            queue.addThread(thread.tid(), thread.time());
            if (fdPaths != null) {
                fdPaths.thread(thread);
            }
        } else if (event instanceof ProcessInfo process && fdPaths != null) {
            fdPaths.process(process);
        } else if (event instanceof OpenFd fd && fdPaths != null) {
            fdPaths.openFd(fd);
        }
        queue.printReady();
    }

    private void syscall(Syscall s) {
        SyscallInfo info = renderer.info(s.number());
        Call call = Call.of(s, info);
        long exitTime = s.time() + s.duration();
        queue.raiseFloor(s.tid(), exitTime);
        Integer enteredAs = execveEnteredAs.remove(s.tid());
        if (!traced(s.number())) {
            track(call);
            return;
        }
        RenderedCall rendered = renderer.render(call, context, () -> track(call));
        int entryTid = enteredAs != null && info != null && info.name().startsWith("execve") ? enteredAs : s.tid();
        long at = position;
        queue.add(s.time(), at, 0, writer -> writer.entry(rendered, entryTid, s.time()));
        queue.add(exitTime, at, 1, writer -> writer.exit(rendered, exitTime, s.duration()));
        context.called(s.tid(), rendered.name());
    }

    private void track(Call call) {
        if (fdPaths != null) {
            fdPaths.apply(call);
        }
    }

    private void syscallEntry(SyscallEntry s) {
        queue.raiseFloor(s.tid(), s.time());
        if (!traced(s.number())) {
            return;
        }
        RenderedCall rendered = renderer.render(Call.of(s, renderer.info(s.number())), context, () -> {
        });
        queue.add(s.time(), position, 0, writer -> writer.entry(rendered, s.tid(), s.time()));
        unfinished.put(s.tid(), rendered);
    }

    private void signal(SignalDelivery signal) {
        queue.raiseFloor(signal.tid(), signal.time());
        String text = "--- " + Signals.name(signal.signal()) + " " + SiginfoText.of(signal) + " ---";
        queue.add(signal.time(), position, 0, writer -> writer.event(signal.tid(), signal.time(), text));
    }

    private void exit(Exit exit) {
        int tid = exit.tid();
        RenderedCall pending = unfinished.remove(tid);
        if (pending != null) {
            queue.add(exit.time(), position, 0, writer -> writer.neverReturned(pending, exit.time()));
        }
        String text = exit.exited() ? "+++ exited with " + exit.exitCode() + " +++"
                : "+++ killed by " + Signals.name(exit.termSignal()) + (exit.coreDumped() ? " (core dumped)" : "")
                + " +++";
        queue.add(exit.time(), position, 1, writer -> writer.event(tid, exit.time(), text));
        queue.removeThread(tid);
        context.threadGone(tid);
    }

    /**
     * A non-leader thread's execve: the leader ends where it was, its call never returns (strace
     * prints it {@code = ?}), and the thread goes on under the leader's tid.
     */
    private void exec(Exec exec) {
        queue.addThread(exec.pid(), exec.time());
        if (fdPaths != null) {
            fdPaths.exec(exec);
        }
        if (exec.formerTid() == exec.pid()) {
            return;
        }
        RenderedCall leaders = unfinished.remove(exec.pid());
        if (leaders != null) {
            queue.add(exec.time(), position, 0, writer -> writer.neverReturned(leaders, exec.time()));
        }
        execveEnteredAs.put(exec.pid(), exec.formerTid());
        queue.mergeThread(exec.formerTid(), exec.pid());
        queue.add(exec.time(), position, 1, writer -> writer.superseded(exec.pid(), exec.formerTid(), exec.time()));
    }

    private boolean traced(int number) {
        return traced == null || traced.contains(number);
    }
}
