/* The parent blocks in read on a pipe until its child writes, 200 ms later. */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        struct timespec pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        write(fds[1], "ping", 4);
        _exit(0);
    }
    char buf[16];
    ssize_t n = read(fds[0], buf, sizeof buf);
    int status;
    waitpid(child, &status, 0);
    return n == 4 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
