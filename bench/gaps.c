/*
 * gaps SECONDS: spins on the CPU for SECONDS of wall time reading CLOCK_MONOTONIC, and prints the
 * gaps between two consecutive reads longer than 1 us: how many, and their total, in buckets
 * (1-5 us, 5-20 us, 20-100 us, 100 us-1 ms, over 1 ms). A sample that interrupts the program
 * shows as one gap; comparing runs with and without sampling gives the time a sample costs it.
 * The spin is a 5-deep chain of noinline calls, so the stacks sampled are like a program's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile unsigned long sink;
static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}
static const long edges[] = {1000, 5000, 20000, 100000, 1000000};
#define BUCKETS 5
static long count[BUCKETS], total[BUCKETS];

__attribute__((noinline)) static long leaf(long last) {
    long t = now_ns(), gap = t - last;
    for (int b = BUCKETS - 1; b >= 0; b--) {
        if (gap > edges[b]) { count[b]++; total[b] += gap; break; }
    }
    sink++;
    return t;
}
__attribute__((noinline)) static long c3(long last) { long t = leaf(last); sink += 3; return t; }
__attribute__((noinline)) static long c2(long last) { long t = c3(last); sink += 2; return t; }
__attribute__((noinline)) static long c1(long last) { long t = c2(last); sink += 1; return t; }

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 2;
    long start = now_ns(), end = start + (long) (seconds * 1e9), t = start;
    while (t < end) {
        t = c1(t);
    }
    const char *names[] = {"1-5us", "5-20us", "20-100us", "100us-1ms", ">1ms"};
    for (int b = 0; b < BUCKETS; b++) {
        printf("%s %ld %.3f\n", names[b], count[b], total[b] / 1e6);
    }
    return 0;
}
