package dev.tracekit.perf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineCpusTest {
    @Test
    void rangesAndSingleCpus() {
        assertArrayEquals(new int[] {0, 1}, OnlineCpus.parse("0-1\n"));
        assertArrayEquals(new int[] {0}, OnlineCpus.parse("0"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 6, 8, 9}, OnlineCpus.parse("0-3,6,8-9"));
    }

    @Test
    void thisMachineHasSome() {
        assertTrue(OnlineCpus.list().length >= 1);
    }
}
