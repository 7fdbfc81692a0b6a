package dev.tracekit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Events per second of a piece of work on one thread: one untimed run to warm the JIT, then the
 * median of timed runs. Timed by the thread's CPU time, not the clock: the machine is shared,
 * and what other jobs take of it says nothing about the code.
 */
final class Throughput {
    interface Work {
        void run() throws IOException;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Throughput() {
    }

    static double median(int events, int timedRuns, Work work) throws IOException {
        work.run();
        double[] rates = new double[timedRuns];
        for (int run = 0; run < timedRuns; run++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.run();
            rates[run] = events / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[timedRuns / 2];
    }
}
