/*
 * sample-floor MODE HZ SECONDS: what one sample costs the sampled thread at the least, with no
 * recorder around it. A child spins for SECONDS reading CLOCK_MONOTONIC and counts the gaps
 * between two reads (1-5 us, 5-20 us, 20-100 us, 100 us-1 ms, over 1 ms: count and total ms),
 * while this process samples it HZ times a second:
 *   none    not at all (the machine's own interrupts and ticks)
 *   perf    a task-clock event per CPU with the child's registers and 32 KiB of stack, into one
 *           ring per CPU, drained every 20 ms (records counted, not read): tracekit's sampler
 *   ptrace  PTRACE_INTERRUPT, wait for the stop, GETREGSET, a 32 KiB process_vm_readv from SP,
 *           PTRACE_CONT: tracekit's interrupt path without the rest of the tracer
 * Prints "MODE samples N gaps C1 C2 C3 C4 C5 T1 T2 T3 T4 T5". The gaps beyond mode none's,
 * over the samples, are a sample's pause. x86_64.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CPUS_MAX 256
#define RING_PAGES 512
#define STACK_BYTES 32768

static long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void spin_and_report(double seconds, int out) {
    static const long edges[] = {1000, 5000, 20000, 100000, 1000000};
    long count[5] = {0}, total[5] = {0};
    long t = now(), end = t + (long) (seconds * 1e9);
    while (t < end) {
        long next = now(), gap = next - t;
        for (int b = 4; b >= 0; b--) {
            if (gap > edges[b]) {
                count[b]++;
                total[b] += gap;
                break;
            }
        }
        t = next;
    }
    dprintf(out, "%ld %ld %ld %ld %ld %.3f %.3f %.3f %.3f %.3f\n", count[0], count[1], count[2], count[3], count[4],
            total[0] / 1e6, total[1] / 1e6, total[2] / 1e6, total[3] / 1e6, total[4] / 1e6);
    _exit(0);
}

static long sample_with_perf(pid_t child, int hz) {
    int cpus = sysconf(_SC_NPROCESSORS_ONLN);
    struct perf_event_mmap_page *rings[CPUS_MAX];
    for (int cpu = 0; cpu < cpus && cpu < CPUS_MAX; cpu++) {
        struct perf_event_attr attr;
        memset(&attr, 0, sizeof attr);
        attr.size = PERF_ATTR_SIZE_VER5;
        attr.type = PERF_TYPE_SOFTWARE;
        attr.config = PERF_COUNT_SW_DUMMY;
        attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER;
        attr.exclude_kernel = attr.exclude_hv = attr.use_clockid = 1;
        attr.clockid = CLOCK_MONOTONIC;
        attr.sample_regs_user = 0xff01ff;
        attr.sample_stack_user = STACK_BYTES;
        attr.sample_period = 1;
        int anchor = syscall(SYS_perf_event_open, &attr, 0, cpu, -1, 0);
        rings[cpu] = mmap(NULL, (RING_PAGES + 1) * 4096L, PROT_READ | PROT_WRITE, MAP_SHARED, anchor, 0);
        attr.config = PERF_COUNT_SW_TASK_CLOCK;
        attr.sample_period = 1000000000L / hz;
        int fd = syscall(SYS_perf_event_open, &attr, child, cpu, -1, 0);
        if (anchor < 0 || rings[cpu] == MAP_FAILED || fd < 0 || ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, anchor) < 0) {
            perror("sample-floor: perf_event_open");
            exit(1);
        }
    }
    long samples = 0;
    kill(child, SIGCONT);
    while (waitpid(child, NULL, WNOHANG) == 0) {
        usleep(20000);
        for (int cpu = 0; cpu < cpus && cpu < CPUS_MAX; cpu++) {
            struct perf_event_mmap_page *ring = rings[cpu];
            unsigned long head = __atomic_load_n(&ring->data_head, __ATOMIC_ACQUIRE), at = ring->data_tail;
            char *data = (char *) ring + ring->data_offset;
            while (at < head) {
                struct perf_event_header *record = (void *) (data + at % ring->data_size);
                samples += record->type == PERF_RECORD_SAMPLE;
                at += record->size;
            }
            __atomic_store_n(&ring->data_tail, at, __ATOMIC_RELEASE);
        }
    }
    return samples;
}

static long sample_with_ptrace(pid_t child, int hz) {
    static char stack[STACK_BYTES];
    struct user_regs_struct regs;
    long samples = 0, next = now();
    int status;
    ptrace(PTRACE_SEIZE, child, 0, 0);
    kill(child, SIGCONT);
    for (;;) {
        next += 1000000000L / hz;
        long wait = next - now();
        struct timespec pause = {wait / 1000000000L, wait % 1000000000L};
        while (wait > 0 && nanosleep(&pause, &pause) != 0) {
        }
        if (ptrace(PTRACE_INTERRUPT, child, 0, 0) != 0) {
            return samples;
        }
        /* The SIGCONT's signal-delivery stop may come first: let it through, our stop follows. */
        while (waitpid(child, &status, __WALL) == child && WIFSTOPPED(status) && status >> 16 != PTRACE_EVENT_STOP) {
            ptrace(PTRACE_CONT, child, 0, WSTOPSIG(status) == SIGCONT ? 0 : WSTOPSIG(status));
        }
        if (!WIFSTOPPED(status)) {
            return samples;
        }
        struct iovec registers = {&regs, sizeof regs};
        ptrace(PTRACE_GETREGSET, child, NT_PRSTATUS, &registers);
        struct iovec local = {stack, sizeof stack}, remote = {(void *) regs.rsp, sizeof stack};
        process_vm_readv(child, &local, 1, &remote, 1, 0);
        ptrace(PTRACE_CONT, child, 0, 0);
        samples++;
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: sample-floor none|perf|ptrace HZ SECONDS\n");
        return 2;
    }
    const char *mode = argv[1];
    int hz = atoi(argv[2]);
    int report[2];
    if (pipe(report) != 0) {
        perror("sample-floor: pipe");
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        raise(SIGSTOP);
        spin_and_report(atof(argv[3]), report[1]);
    }
    close(report[1]);
    waitpid(child, NULL, WUNTRACED);
    long samples = 0;
    if (strcmp(mode, "perf") == 0) {
        samples = sample_with_perf(child, hz);
    } else if (strcmp(mode, "ptrace") == 0) {
        samples = sample_with_ptrace(child, hz);
    } else {
        kill(child, SIGCONT);
        waitpid(child, NULL, 0);
    }
    char gaps[256];
    ssize_t got = read(report[0], gaps, sizeof gaps - 1);
    gaps[got > 0 ? got : 0] = 0;
    printf("%s samples %ld gaps %s", mode, samples, gaps);
    return 0;
}
