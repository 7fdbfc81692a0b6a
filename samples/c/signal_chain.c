/*
 * A signal handler that interrupted a known chain, for the unwinder's signal-frame tests:
 * main -> outer_1 -> outer_2 -> outer_3 -> spin, a leaf loop, until SIGALRM arrives; its handler
 * runs on_alarm -> inner_1 -> inner_2 -> inner_3 -> nap, blocked in nanosleep for good.
 * Built with gcc or with musl-gcc. Every frame is this program's own code, which has CFI either
 * way: musl's libc has none, so nap makes the system call itself rather than through musl's
 * nanosleep. Only the trampoline the handler returns to (__restore_rt) is the C library's.
 * Once the handler sleeps it creates the file named by the first argument, if any.
 * noinline plus work after each call keeps every frame: no inlining and no tail calls.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *ready_file;
static volatile unsigned long sink;

__attribute__((noinline)) static void nap(void) {
    struct timespec forever = {1000, 0};
    if (ready_file != NULL) {
        close(open(ready_file, O_WRONLY | O_CREAT, 0644));
    }
    for (;;) {
        long result;
        __asm__ volatile("syscall"
                         : "=a"(result)
                         : "0"((long) SYS_nanosleep), "D"(&forever), "S"(0L)
                         : "rcx", "r11", "memory");
        sink += result;
    }
}

#define LEVEL(name, next) \
    __attribute__((noinline)) void name(int depth) { next(depth + 1); sink += depth; }

__attribute__((noinline)) void inner_3(int depth) { nap(); sink += depth; }
LEVEL(inner_2, inner_3)
LEVEL(inner_1, inner_2)

static void on_alarm(int signal) {
    inner_1(signal);
}

__attribute__((noinline)) static void spin(void) {
    struct itimerval once = {{0, 0}, {0, 2000}};
    setitimer(ITIMER_REAL, &once, NULL);
    for (;;) {
        sink++;
    }
}

__attribute__((noinline)) void outer_3(int depth) { spin(); sink += depth; }
LEVEL(outer_2, outer_3)
LEVEL(outer_1, outer_2)

int main(int argc, char **argv) {
    ready_file = argc > 1 ? argv[1] : NULL;
    signal(SIGALRM, on_alarm);
    outer_1(1);
    return 0;
}
