/*
 * Many short-lived threads, for the recorder's resources per thread: N threads (the first
 * argument, default 300), two at a time, each spinning about 2 ms in user code, then ending.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static volatile unsigned long sink;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void *spin(void *unused) {
    (void) unused;
    long end = now_ns() + 2 * 1000 * 1000;
    while (now_ns() < end) {
        for (int i = 0; i < 1000; i++) {
            sink += i;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 300;
    for (int i = 0; i < threads; i += 2) {
        pthread_t a, b;
        if (pthread_create(&a, NULL, spin, NULL) != 0 || pthread_create(&b, NULL, spin, NULL) != 0) {
            return 1;
        }
        pthread_join(a, NULL);
        pthread_join(b, NULL);
    }
    return 0;
}
