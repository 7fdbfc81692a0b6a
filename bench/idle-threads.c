/*
 * idle-threads N SECONDS: N threads wait on a condition variable that is never signalled, in a
 * two-deep call chain, while the main thread spins for SECONDS of wall time; then it exits. The
 * shape of a server between requests: most threads asleep, one busy.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static volatile unsigned long sink;

__attribute__((noinline)) static void wait_for_work(void) {
    pthread_mutex_lock(&lock);
    pthread_cond_wait(&never, &lock);
    pthread_mutex_unlock(&lock);
}

__attribute__((noinline)) static void serve(void) {
    wait_for_work();
    sink++;
}

static void *idle(void *unused) {
    (void) unused;
    serve();
    return NULL;
}

static double elapsed(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) + (now.tv_nsec - since->tv_nsec) / 1e9;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 32;
    double seconds = argc > 2 ? atof(argv[2]) : 3;
    pthread_t thread;
    for (int i = 0; i < threads; i++) {
        pthread_create(&thread, NULL, idle, NULL);
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (elapsed(&start) < seconds) {
        for (int i = 0; i < 1000000; i++) {
            sink += i;
        }
    }
    return 0;
}
