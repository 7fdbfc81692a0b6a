/*
 * Calls that block and return, from several threads at once, with a little work on the CPU
 * between them: three pairs of threads pass bytes through pipes (the reader blocks in read,
 * the writer naps 1 ms between writes) while main naps too. Each reader also lists / after
 * each byte: getdents64 returns early when a signal is pending, so a listing shows whether a
 * call ran with one. For checking that stack sampling, which interrupts threads on the CPU,
 * leaves every call as it was. With the argument "seccomp", every thread runs under a seccomp
 * filter that kills the process for the call number -1, as strict sandboxes kill for any
 * number they do not know.
 */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
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

/* By getdents64 itself: opendir's malloc would make the calls depend on which arena a thread got. */
static void list_root(void) {
    char entries[4096];
    int fd = open("/", O_RDONLY | O_DIRECTORY);
    while (fd >= 0 && syscall(SYS_getdents64, fd, entries, sizeof entries) > 0) {
    }
    if (fd >= 0) {
        close(fd);
    }
}

static void *reader(void *arg) {
    int fd = *(int *) arg;
    char byte;
    for (int i = 0; i < ROUNDS; i++) {
        read(fd, &byte, 1);
        work();
        list_root();
    }
    return NULL;
}

static int kill_for_minus_one(void) {
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned) -1, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = {sizeof filter / sizeof filter[0], filter};
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "seccomp") == 0 && kill_for_minus_one() != 0) {
        return 2;
    }
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
