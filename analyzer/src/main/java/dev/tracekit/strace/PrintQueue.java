package dev.tracekit.strace;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Puts lines in time order. The log holds each call at its exit, with its entry time, so a call
 * that blocked arrives after lines that came while it blocked, yet its entry must be printed
 * before them. Every thread has a floor, the earliest time anything it does later can have (the
 * exit of its last call): a line is printed once it is no later than every live thread's floor,
 * so the order is exact and memory holds only what happened while some thread was in a call.
 * When a thread stays in a call for long (a server in epoll_wait), at most {@link #CAPACITY}
 * lines wait: then the oldest are printed anyway, and that call, when it returns, is printed as
 * one line where its exit falls, its entry time out of order.
 */
final class PrintQueue {
    static final int CAPACITY = 100_000;

    /** Something to print at a time; ties go by log position, then step (an entry before its exit). */
    interface Printing {
        void printTo(LineWriter writer) throws IOException;
    }

    private record Item(long time, long position, int step, Printing printing) implements Comparable<Item> {
        @Override
        public int compareTo(Item other) {
            int byTime = Long.compare(time, other.time);
            if (byTime != 0) {
                return byTime;
            }
            int byPosition = Long.compare(position, other.position);
            return byPosition != 0 ? byPosition : Integer.compare(step, other.step);
        }
    }

    private final PriorityQueue<Item> items = new PriorityQueue<>();
    private final Map<Integer, Long> floorOf = new HashMap<>();
    /** The floors of live threads, with how many threads have each. */
    private final TreeMap<Long, Integer> floors = new TreeMap<>();
    private final LineWriter writer;

    PrintQueue(LineWriter writer) {
        this.writer = writer;
    }

    void add(long time, long position, int step, Printing printing) {
        items.add(new Item(time, position, step, printing));
    }

    /** Nothing {@code tid} does from now on happens before {@code time}. */
    void raiseFloor(int tid, long time) {
        Long floor = floorOf.get(tid);
        if (floor == null || floor < time) {
            setFloor(tid, time);
        }
    }

    /**
     * A thread the log tells of (a snapshot, an exec) can act no earlier than {@code time}, unless
     * it was known already: its next call may have begun before the news was written.
     */
    void addThread(int tid, long time) {
        if (!floorOf.containsKey(tid)) {
            setFloor(tid, time);
        }
    }

    /** A thread created by {@code parent}: it can act no earlier than its parent can. */
    void addChild(int parent, int child) {
        Long floor = floorOf.get(parent);
        if (floor != null && !floorOf.containsKey(child)) {
            setFloor(child, floor);
        }
    }

    /** {@code from}'s future is {@code to}'s: an execve moved the thread to the leader's tid. */
    void mergeThread(int from, int to) {
        Long floor = floorOf.get(from);
        removeThread(from);
        Long existing = floorOf.get(to);
        if (floor != null && (existing == null || floor < existing)) {
            setFloor(to, floor);
        }
    }

    void removeThread(int tid) {
        Long floor = floorOf.remove(tid);
        if (floor != null) {
            forget(floor);
        }
    }

    /** Prints what no thread can precede any more, and the oldest lines beyond the capacity. */
    void printReady() throws IOException {
        long watermark = floors.isEmpty() ? Long.MAX_VALUE : floors.firstKey();
        while (!items.isEmpty() && (items.peek().time <= watermark || items.size() > CAPACITY)) {
            items.poll().printing.printTo(writer);
        }
    }

    void printAll() throws IOException {
        while (!items.isEmpty()) {
            items.poll().printing.printTo(writer);
        }
    }

    private void setFloor(int tid, long time) {
        Long old = floorOf.put(tid, time);
        if (old != null) {
            forget(old);
        }
        floors.merge(time, 1, Integer::sum);
    }

    private void forget(long floor) {
        floors.computeIfPresent(floor, (time, count) -> count == 1 ? null : count - 1);
    }
}
