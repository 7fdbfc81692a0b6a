/*
 * Counts ticks of 10 ms into a file given as argument, rewriting it each tick, until the count
 * given as second argument (default: forever); then writes "done" after the count and exits 0.
 * SIGINT with a handler: the next tick's line says "interrupted". SIGTERM kills it by default.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupts;

static void on_interrupt(int signal) {
    (void) signal;
    interrupts++;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: ticker FILE [COUNT]\n");
        return 2;
    }
    long count = argc > 2 ? atol(argv[2]) : -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
    char line[64];
    for (long tick = 1; count < 0 || tick <= count; tick++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
        int length = snprintf(line, sizeof line, "%ld%s\n", tick, interrupts ? " interrupted" : "");
        int fd = open(argv[1], O_CREAT | O_TRUNC | O_WRONLY, 0644);
        write(fd, line, length);
        close(fd);
    }
    int fd = open(argv[1], O_CREAT | O_APPEND | O_WRONLY, 0644);
    write(fd, "done\n", 5);
    close(fd);
    return 0;
}
