/*
 * ptrace-floor CMD [ARGS...]: the least a ptrace tracer can do. It stops the command, every
 * thread and every child at each syscall entry and exit, and resumes them at once: no
 * decoding, no output. Its run time over the untraced run is the floor of the stop round trip
 * that any syscall tracer pays; bench/record-speed.sh compares tracekit and strace with it.
 * Exits with the command's status (128+N when signal N killed it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK \
                 | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC)
#define PID_LIMIT (1 << 22) /* PID_MAX_LIMIT on 64-bit Linux */

/* Tids seen stopped: the first stop of a new thread or child is a SIGSTOP not to deliver. */
static unsigned char seen[PID_LIMIT / 8];

static int mark_seen(pid_t tid) {
    int was = seen[tid / 8] & (1 << tid % 8);
    seen[tid / 8] |= 1 << tid % 8;
    return was;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: ptrace-floor CMD [ARGS...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("ptrace-floor: fork");
        return 1;
    }
    if (child == 0) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) {
            perror("ptrace-floor: PTRACE_TRACEME");
            _exit(127);
        }
        raise(SIGSTOP);
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    int status;
    if (waitpid(child, &status, __WALL) != child || !WIFSTOPPED(status)) {
        fprintf(stderr, "ptrace-floor: %s did not stop before exec\n", argv[1]);
        return 1;
    }
    mark_seen(child);
    if (ptrace(PTRACE_SETOPTIONS, child, 0, OPTIONS) != 0 || ptrace(PTRACE_SYSCALL, child, 0, 0) != 0) {
        perror("ptrace-floor: ptrace");
        return 1;
    }
    int result = 1;
    for (;;) {
        pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == ECHILD) {
                break; /* every tracee is gone */
            }
            perror("ptrace-floor: waitpid");
            return 1;
        }
        if (!WIFSTOPPED(status)) {
            seen[tid / 8] &= ~(1 << tid % 8); /* tids are reused */
            if (tid == child) {
                result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            continue;
        }
        int signal = WSTOPSIG(status);
        int first = !mark_seen(tid);
        /* Syscall stops (SIGTRAP|0x80) and event stops (status>>16) carry no signal to deliver. */
        if (signal == (SIGTRAP | 0x80) || status >> 16 != 0 || (first && signal == SIGSTOP)) {
            signal = 0;
        }
        /* ESRCH: the tracee was killed meanwhile; waitpid reports its end next. */
        ptrace(PTRACE_SYSCALL, tid, 0, signal);
    }
    return result;
}
