/*
 * Runs a command with no signal blocked and every signal at its default action, as tracekit
 * record launches commands. A JVM thread has SIGQUIT blocked and a child inherits that mask, so
 * strace started from a test would otherwise show [QUIT] in every signal mask of its tracee.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: unblocked COMMAND [ARGS...]\n");
        return 2;
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int signal = 1; signal < NSIG; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP) {
            sigaction(signal, &(struct sigaction) {.sa_handler = SIG_DFL}, NULL);
        }
    }
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
