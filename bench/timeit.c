/*
 * timeit FILE CMD [ARGS...]: runs CMD, appends its wall time in nanoseconds (fork to reaped
 * exit, CLOCK_MONOTONIC) as one line to FILE, and exits with its status. Run under a tracer,
 * it times the traced command and leaves out the tracer's own start-up and shutdown.
 */
#define _GNU_SOURCE
#include <stdio.h>
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
    if (waitpid(child, &status, 0) != child) {
        perror("timeit: waitpid");
        return 1;
    }
    long long elapsed = now() - start;
    FILE *out = fopen(argv[1], "a");
    if (out == NULL || fprintf(out, "%lld\n", elapsed) < 0 || fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
