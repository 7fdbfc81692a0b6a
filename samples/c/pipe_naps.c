/*
 * Calls that block and return, from several threads at once, with a little work on the CPU
 * between them: three pairs of threads pass bytes through pipes (the reader blocks in read,
 * the writer naps 1 ms between writes) while main naps too. For checking that stack sampling,
 * which interrupts threads on the CPU, leaves every call as it was.
 */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define PAIRS 3
#define ROUNDS 200

static volatile unsigned long sink;

static void work(void) {
    for (int i = 0; i < 20000; i++) {
        sink += i;
    }
}

static void *writer(void *arg) {
    int fd = *(int *) arg;
    struct timespec nap = {0, 1000 * 1000};
    for (int i = 0; i < ROUNDS; i++) {
        work();
        nanosleep(&nap, NULL);
        write(fd, "x", 1);
    }
    return NULL;
}

static void *reader(void *arg) {
    int fd = *(int *) arg;
    char byte;
    for (int i = 0; i < ROUNDS; i++) {
        read(fd, &byte, 1);
        work();
    }
    return NULL;
}

int main(void) {
    int fds[PAIRS][2];
    pthread_t threads[PAIRS][2];
    for (int p = 0; p < PAIRS; p++) {
        pipe(fds[p]);
        pthread_create(&threads[p][0], NULL, reader, &fds[p][0]);
        pthread_create(&threads[p][1], NULL, writer, &fds[p][1]);
    }
    struct timespec nap = {0, 2 * 1000 * 1000};
    for (int i = 0; i < ROUNDS / 2; i++) {
        nanosleep(&nap, NULL);
        work();
    }
    for (int p = 0; p < PAIRS; p++) {
        pthread_join(threads[p][0], NULL);
        pthread_join(threads[p][1], NULL);
    }
    return 0;
}
