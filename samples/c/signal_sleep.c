/* A SIGALRM handler interrupts a long nanosleep; the program then exits with 0. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int signal) {
    (void) signal;
    alarms++;
}

int main(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    sigaction(SIGALRM, &action, NULL);
    struct itimerval timer = {{0, 0}, {0, 100 * 1000}};
    setitimer(ITIMER_REAL, &timer, NULL);
    struct timespec request = {5, 0}, left;
    int result = nanosleep(&request, &left);
    return result == -1 && errno == EINTR && alarms == 1 ? 0 : 1;
}
