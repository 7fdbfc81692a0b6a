/*
 * mt-syscalls [THREADS [CALLS]]: THREADS threads (default 4) each make CALLS cheap syscalls
 * (default 50,000), cycling through getppid, a 1-byte read of /dev/zero and a 1-byte write to
 * /dev/null. The count is exact, the output none; exits 1 if any call failed. A syscall-heavy,
 * multi-threaded tracee for bench/record-speed.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long calls = 50000;
static int zero_fd, null_fd;

static void *work(void *unused) {
    (void) unused;
    char byte;
    long failures = 0;
    for (long i = 0; i < calls; i++) {
        switch (i % 3) {
            case 0: failures += syscall(SYS_getppid) <= 0; break;
            case 1: failures += read(zero_fd, &byte, 1) != 1; break;
            default: failures += write(null_fd, &byte, 1) != 1; break;
        }
    }
    return (void *) failures;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    if (argc > 2) {
        calls = atol(argv[2]);
    }
    if (threads < 1 || threads > 1024 || calls < 0) {
        fprintf(stderr, "usage: mt-syscalls [THREADS [CALLS]]\n");
        return 2;
    }
    zero_fd = open("/dev/zero", O_RDONLY);
    null_fd = open("/dev/null", O_WRONLY);
    if (zero_fd < 0 || null_fd < 0) {
        perror("mt-syscalls: open");
        return 1;
    }
    pthread_t ids[1024];
    for (int t = 0; t < threads; t++) {
        if (pthread_create(&ids[t], NULL, work, NULL) != 0) {
            fprintf(stderr, "mt-syscalls: pthread_create failed\n");
            return 1;
        }
    }
    long failures = 0;
    for (int t = 0; t < threads; t++) {
        void *result;
        pthread_join(ids[t], &result);
        failures += (long) result;
    }
    return failures != 0;
}
