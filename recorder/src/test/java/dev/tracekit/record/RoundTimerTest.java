package dev.tracekit.record;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slow rounds, brought near when a thread comes to need them. */
class RoundTimerTest {
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SLOW = TimeUnit.SECONDS.toNanos(5);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Long> rounds = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aHurryBringsASlowRoundWithinAPeriod() throws Exception {
        RoundTimer roundTimer = new RoundTimer(timer, PERIOD, () -> {
            rounds.add(System.nanoTime());
            return SLOW;
        });
        roundTimer.start();
        assertNotNull(rounds.poll(2, TimeUnit.SECONDS), "the first round, one period after the start");
        assertNull(rounds.poll(200, TimeUnit.MILLISECONDS), "then none for the slow delay");

        long hurried = System.nanoTime();
        roundTimer.hurry();
        Long next = rounds.poll(2, TimeUnit.SECONDS);
        assertNotNull(next, "a round soon after the hurry, not " + TimeUnit.NANOSECONDS.toSeconds(SLOW) + " s later");
        assertTrue(next - hurried >= PERIOD, "one period after it, as a round at the full rate would come");
        assertNull(rounds.poll(200, TimeUnit.MILLISECONDS), "and the slow delay again after it");
    }

    /**
     * The round computes its delay from what it knew when it began: a thread that comes to
     * need full-rate rounds while it runs must still get the next one within a period.
     */
    @Test
    void aHurryDuringARoundBringsTheNextWithinAPeriod() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch hurried = new CountDownLatch(1);
        RoundTimer roundTimer = new RoundTimer(timer, PERIOD, () -> {
            rounds.add(System.nanoTime());
            inRound.countDown();
            await(hurried); // the hurry comes after this round's delay was decided
            return SLOW;
        });
        roundTimer.start();
        assertTrue(inRound.await(2, TimeUnit.SECONDS), "the first round");
        roundTimer.hurry();
        hurried.countDown();
        rounds.take();

        assertNotNull(rounds.poll(2, TimeUnit.SECONDS), "a round soon after the hurry, not "
                + TimeUnit.NANOSECONDS.toSeconds(SLOW) + " s later");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aHurryLeavesANearRoundAsItIs() throws Exception {
        RoundTimer roundTimer = new RoundTimer(timer, PERIOD, () -> {
            rounds.add(System.nanoTime());
            return PERIOD;
        });
        roundTimer.start();
        assertNotNull(rounds.poll(2, TimeUnit.SECONDS));
        rounds.clear();
        for (int i = 0; i < 100; i++) {
            roundTimer.hurry();
        }
        Thread.sleep(105);
        assertTrue(rounds.size() <= 12, rounds.size() + " rounds in 105 ms at a 10 ms period: hurries add none");
    }
}
