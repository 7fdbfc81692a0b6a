package dev.tracekit.record;

import java.util.Arrays;

/** The stops one round of waitpid collected: tids and wait statuses, in arrays reused round after round. */
final class StopBatch {
    private int[] tids = new int[64];
    private int[] statuses = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int tid, int status) {
        if (size == tids.length) {
            tids = Arrays.copyOf(tids, size * 2);
            statuses = Arrays.copyOf(statuses, size * 2);
        }
        tids[size] = tid;
        statuses[size] = status;
        size++;
    }

    int size() {
        return size;
    }

    int tid(int index) {
        return tids[index];
    }

    int status(int index) {
        return statuses[index];
    }
}
