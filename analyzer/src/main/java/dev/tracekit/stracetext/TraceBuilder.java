package dev.tracekit.stracetext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the parsed lines of one trace (one file, or the files of {@code -ff}) into rows: a call
 * per line, or per {@code <unfinished ...>} line and the {@code <... resumed>} line of the same
 * thread that completes it (in any file of the trace); calls never resumed are kept, unfinished.
 */
final class TraceBuilder {
    /** Where strace printed no pid (no -f, or the first process on stderr): one unnamed thread. */
    static final int UNKNOWN_TID = 0;

    private final Rows rows;
    private final SyscallNumbers numbers;
    private final Processes processes;
    private final StackRows stacks;
    private final Descriptors descriptors;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Line resumed = new Line();
    /** The tid of the last {@code <unfinished ...>} line, which a CONTINUATION line completes. */
    private int lastUnfinished = Line.NONE;
    /** Tids strace announced (attached) or calls created: a new tid that is neither printed the unprefixed lines. */
    private final Set<Integer> announced = new HashSet<>();
    private boolean unprefixedSeen;
    private int unprefixed = UNKNOWN_TID;
    private long calls;
    private long firstTime = Long.MAX_VALUE;

    /** A call's first line, waiting for its thread's {@code resumed} line. */
    private record Pending(String name, String args, long time, int number) {
    }

    TraceBuilder(Rows rows, SyscallNumbers numbers, Processes processes, StackRows stacks, Descriptors descriptors) {
        this.rows = rows;
        this.numbers = numbers;
        this.processes = processes;
        this.stacks = stacks;
        this.descriptors = descriptors;
    }

    /**
     * Takes one understood line. {@code fileTid} is the tid of an {@code -ff} file, else
     * UNKNOWN_TID; {@code order} stands in for the time of a line without a timestamp.
     *
     * @return null, or why a {@code resumed} line could not be joined to its call
     */
    String accept(Line line, int fileTid, long order) {
        if (line.kind == Line.Kind.FRAME) {
            stacks.frame(line.module + line.symbol + line.symbolOffset + line.address, line);
            return null;
        }
        if (line.kind == Line.Kind.OTHER) {
            return null;
        }
        if (line.kind == Line.Kind.COUNT) {
            rows.count(line.count);
            return null;
        }
        stacks.finish();
        if (line.kind == Line.Kind.CONTINUATION) {
            return continuation(line);
        }
        int tid = tidOf(line, fileTid);
        long time = line.timed ? line.time : order;
        firstTime = Math.min(firstTime, time);
        processes.seen(tid, time, line.comm);
        switch (line.kind) {
            case CALL -> call(tid, time, line);
            case UNFINISHED -> {
                neverReturned(tid);
                pending.put(tid, new Pending(line.name, line.args, time, line.number));
                lastUnfinished = tid;
            }
            case RESUMED -> {
                return resumed(tid, time, line, true);
            }
            case SIGNAL -> rows.signal(tid, time, line);
            case EXIT -> {
                neverReturned(tid);
                processes.exited(tid, time, line.exitCode, line.killedBy, line.coreDumped);
                if (processes.pidOf(tid) == tid) {
                    descriptors.processExited(tid, time);
                }
            }
            case SUPERSEDED -> {
                // the former thread's execve goes on, and will be resumed, under the leader's tid
                Pending execve = pending.remove(line.otherTid);
                if (execve != null) {
                    neverReturned(tid);
                    pending.put(tid, execve);
                }
                processes.superseded(line.otherTid, time);
            }
            case ATTACHED -> {
                announced.add(line.otherTid);
                processes.seen(line.otherTid, time, null);
            }
            default -> throw new IllegalStateException("kind " + line.kind);
        }
        return null;
    }

    /**
     * On stderr, strace leaves out the {@code [pid N]} of the first process's lines, though not
     * of all of them: the first prefixed tid that no note or call announced is that process, and
     * the unprefixed lines are its own.
     */
    private int tidOf(Line line, int fileTid) {
        if (line.tid == Line.NONE) {
            unprefixedSeen |= fileTid == UNKNOWN_TID;
            return fileTid == UNKNOWN_TID ? unprefixed : fileTid;
        }
        if (unprefixedSeen && unprefixed == UNKNOWN_TID && !announced.contains(line.tid)) {
            unprefixedAre(line.tid);
        }
        return line.tid;
    }

    /** The unprefixed lines turn out to be thread {@code tid}'s: those to come are written as its own, the rest at the end. */
    private void unprefixedAre(int tid) {
        unprefixed = tid;
        descriptors.renamed(UNKNOWN_TID, tid);
        Pending call = pending.remove(UNKNOWN_TID);
        if (call != null) {
            pending.put(tid, call);
        }
    }

    /**
     * Calls that return their caller's tid: glibc's start-up calls set_tid_address, so even
     * strace text without -f says whose it is. getpid is the thread's own tid for the one
     * thread strace follows without -f, its process's leader.
     */
    private static boolean returnsTid(String name) {
        return switch (name) {
            case "set_tid_address", "gettid", "getpid" -> true;
            default -> false;
        };
    }

    /** The tid the unprefixed lines turned out to have, or UNKNOWN_TID. */
    int unprefixedTid() {
        return unprefixedSeen ? unprefixed : UNKNOWN_TID;
    }

    private void call(int tid, long time, Line line) {
        neverReturned(tid);
        write(tid, time, line.name, line.number, line, null);
    }

    private String continuation(Line line) {
        Pending first = pending.get(lastUnfinished);
        if (first == null) {
            return "not a call, signal or exit, nor the rest of an unfinished call";
        }
        line.name = first.name;
        line.timed = false;
        return resumed(lastUnfinished, first.time, line, false);
    }

    /**
     * Joins the rest to the thread's pending call and parses the whole as one line would be. A
     * resumed line with nothing pending (strace attached during the call) is kept with what it has.
     * {@code marked}: the rest came in a {@code <... NAME resumed>} line at {@code time}, which
     * the call keeps, so that it prints as strace split it.
     */
    private String resumed(int tid, long time, Line line, boolean marked) {
        Pending first = pending.get(tid);
        if (first != null && !first.name.equals(line.name)) {
            neverReturned(tid);
            first = null;
        }
        pending.remove(tid);
        String rest = line.args;
        String entryArgs = first == null ? "" : first.args;
        if (rest.startsWith(" ") && (entryArgs.isEmpty() || entryArgs.endsWith(" "))) {
            rest = rest.substring(1);
        }
        resumed.reset();
        String joined = entryArgs + rest;
        if (!CallParser.argsAndResult(joined, 0, resumed)) {
            if (first != null) {
                pending.put(tid, first);
            }
            return resumed.error;
        }
        long entry = first != null ? first.time
                : resumed.duration >= 0 && line.timed ? time - resumed.duration : time;
        Rows.Split split = first != null && marked ? new Rows.Split(entryArgs.length(), time) : null;
        write(tid, entry, line.name, first != null ? first.number : line.number, resumed, split);
        return null;
    }

    private void write(int tid, long time, String name, int number, Line call, Rows.Split split) {
        int nr = number != Line.NONE ? number : numbers.of(name);
        rows.call(tid, time, call.returned && call.duration >= 0 ? call.duration : RowBatch.NO_DURATION, nr, call.args,
                call.returned, call.ret, call.resultDerived ? null : call.result, split);
        calls++;
        if (call.returned && tid == UNKNOWN_TID && call.ret > 0 && call.ret <= Integer.MAX_VALUE && returnsTid(name)) {
            unprefixedAre((int) call.ret);
        }
        if (call.returned) {
            processes.returned(tid, time, name, call.args, call.ret);
            descriptors.returned(processes.pidOf(tid), time, name, call.args, call.ret, call.result);
            if (call.ret > 0 && call.ret <= Integer.MAX_VALUE && Processes.creates(name)) {
                announced.add((int) call.ret);
            }
        }
        stacks.call(tid, time, name);
    }

    /** The thread's pending call, if any, will not be resumed: it is kept as never returned, printed unfinished. */
    private void neverReturned(int tid) {
        Pending call = pending.remove(tid);
        if (call != null) {
            rows.call(tid, call.time, RowBatch.NO_DURATION, call.number != Line.NONE ? call.number : numbers.of(call.name),
                    call.args, false, 0, null, new Rows.Split(call.args.length(), null));
            calls++;
        }
    }

    /** The end of the trace: calls still pending never returned. */
    void finish() {
        stacks.finish();
        for (Integer tid : new ArrayList<>(pending.keySet())) {
            neverReturned(tid);
        }
        descriptors.finish();
    }

    long calls() {
        return calls;
    }

    /** The first time seen, or null for a trace without calls. */
    Long firstTime() {
        return firstTime == Long.MAX_VALUE ? null : firstTime;
    }
}
