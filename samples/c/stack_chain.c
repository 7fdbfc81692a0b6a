/*
 * A known call chain for the stack unwinder's tests: main -> chain_1 -> ... -> chain_5, and at
 * the bottom one of several modes:
 *   sleep   block in nanosleep (the stack holds still for eu-stack and gdb)
 *   naps    nanosleep 5 ms again and again (calls that block and return)
 *   spin    a leaf loop on the CPU
 *   burst   the leaf loop until the process has used 60 ms of CPU, then exit: a short-lived process
 *   vdso    call clock_gettime in a loop (time spent in the vDSO)
 *   signal  a second thread sits in a signal handler, itself in the chain, blocked in nanosleep
 * Once the chain is in place it creates the file named by the second argument, if any.
 * noinline plus work after each call keeps every frame: no inlining and no tail calls.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *mode;
static const char *ready_file;
static volatile unsigned long sink;

/* open and close only: this may run in a signal handler. */
static void announce_ready(void) {
    if (ready_file != NULL) {
        close(open(ready_file, O_WRONLY | O_CREAT, 0644));
    }
}

__attribute__((noinline)) static void bottom(void) {
    announce_ready();
    if (strcmp(mode, "spin") == 0) {
        for (;;) {
            sink++;
        }
    } else if (strcmp(mode, "burst") == 0) {
        struct timespec used;
        do {
            for (int i = 0; i < 100000; i++) {
                sink++;
            }
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used);
        } while (used.tv_sec == 0 && used.tv_nsec < 60 * 1000 * 1000);
        return;
    } else if (strcmp(mode, "vdso") == 0) {
        struct timespec now;
        for (;;) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            sink += now.tv_nsec;
        }
    }
    struct timespec nap = {1000, 0};
    if (strcmp(mode, "naps") == 0) {
        nap.tv_sec = 0;
        nap.tv_nsec = 5 * 1000 * 1000;
    }
    for (;;) {
        nanosleep(&nap, NULL);
        sink++;
    }
}

#define LEVEL(name, next) \
    __attribute__((noinline)) void name(int depth) { next(depth + 1); sink += depth; }

__attribute__((noinline)) void chain_5(int depth) { bottom(); sink += depth; }
LEVEL(chain_4, chain_5)
LEVEL(chain_3, chain_4)
LEVEL(chain_2, chain_3)
LEVEL(chain_1, chain_2)

static void on_signal(int signal) {
    chain_1(1);
    sink += signal; /* work after the call: no tail call, so on_signal keeps its frame */
}

__attribute__((noinline)) static void *waiting_thread(void *unused) {
    (void) unused;
    for (;;) {
        pause();
    }
    return NULL;
}

int main(int argc, char **argv) {
    mode = argc > 1 ? argv[1] : "sleep";
    ready_file = argc > 2 ? argv[2] : NULL;
    if (strcmp(mode, "signal") == 0) {
        pthread_t thread;
        signal(SIGUSR1, on_signal);
        pthread_create(&thread, NULL, waiting_thread, NULL);
        usleep(1000);
        pthread_kill(thread, SIGUSR1);
        pthread_join(thread, NULL);
        return 0;
    }
    chain_1(1);
    return 0;
}
