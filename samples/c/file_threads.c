/*
 * Four threads, named worker-0 to worker-3, each writing, reading back and removing a file of
 * its own, 20 times, in the directory given as argument; without one, in a new private
 * directory under /tmp, removed at the end, so that runs at the same time do not remove each
 * other's files.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define THREADS 4
#define ROUNDS 20

static const char *dir;

static void *work(void *arg) {
    long id = (long) arg;
    char path[4096], buf[64], name[16];
    snprintf(name, sizeof name, "worker-%ld", id);
    pthread_setname_np(pthread_self(), name);
    snprintf(path, sizeof path, "%s/thread-%ld.txt", dir, id);
    for (int round = 0; round < ROUNDS; round++) {
        int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
        if (fd < 0 || write(fd, "hello from a thread\n", 20) != 20 || close(fd) != 0) {
            perror("write side");
            exit(1);
        }
        fd = open(path, O_RDONLY);
        if (fd < 0 || read(fd, buf, sizeof buf) != 20 || close(fd) != 0) {
            perror("read side");
            exit(1);
        }
        unlink(path);
    }
    return NULL;
}

int main(int argc, char **argv) {
    char private_dir[] = "/tmp/file_threads-XXXXXX";
    if (argc > 1) {
        dir = argv[1];
    } else if ((dir = mkdtemp(private_dir)) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    pthread_t threads[THREADS];
    for (long i = 0; i < THREADS; i++) {
        pthread_create(&threads[i], NULL, work, (void *) i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    if (argc <= 1) {
        rmdir(dir);
    }
    return 0;
}
