package dev.tracekit.record;

/** Waiting for the recorder's own threads. */
final class Joins {
    private Joins() {
    }

    /**
     * Waits until {@code thread} has ended, whatever interrupts come: each runs
     * {@code onInterrupt} (which may ask the thread to end sooner), and the caller's interrupt
     * status is set again on return.
     */
    static void uninterruptibly(Thread thread, Runnable onInterrupt) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
