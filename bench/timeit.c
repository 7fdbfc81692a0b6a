/*
 * timeit FILE CMD [ARGS...]: runs CMD, appends its wall time in nanoseconds (fork to reaped
 * exit, CLOCK_MONOTONIC) and the CPU time (user + system) of CMD and the children it waited
 * for, also in nanoseconds, as one line "WALL CPU" to FILE, and exits with its status. Run
 * under a tracer, it times the traced command and leaves out the tracer's own start-up and
 * shutdown.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: timeit FILE CMD [ARGS...]\n");
        return 2;
    }
    long long start = now();
    pid_t child = fork();
    if (child < 0) {
        perror("timeit: fork");
        return 1;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) != child) {
        perror("timeit: wait4");
        return 1;
    }
    long long elapsed = now() - start;
    long long cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000LL
            + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000LL;
    FILE *out = fopen(argv[1], "a");
    if (out == NULL || fprintf(out, "%lld %lld\n", elapsed, cpu) < 0 || fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
