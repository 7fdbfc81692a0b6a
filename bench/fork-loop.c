/*
 * fork-loop [COUNT [PROGRAM]]: runs PROGRAM (default /bin/true) COUNT times (default 2,000),
 * one after the other, each forked, exec'd and waited for, as a shell script runs its commands.
 * Exits 1 if any run failed. A fork-heavy tracee for bench/record-speed.sh: most of what a
 * tracer does here is per process (new thread, exec, exit), not per call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 2000;
    char *program = argc > 2 ? argv[2] : "/bin/true";
    for (long i = 0; i < count; i++) {
        pid_t child = fork();
        if (child == 0) {
            execl(program, program, (char *) NULL);
            _exit(127);
        }
        int status;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "fork-loop: run %ld of %s failed\n", i + 1, program);
            return 1;
        }
    }
    return 0;
}
