/*
 * Makes one or a few calls of each of the system calls most programs make, in a fixed order and
 * with fixed arguments, so that two traced runs print the same lines: files and directories in
 * the directory given as argument, pipes, AF_UNIX and UDP sockets, epoll, signals, a child.
 * Raw syscall() where glibc would call a newer relative (open, stat, pipe, poll, select, ...).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Two buffers, used in turn, so that a call can take two paths made by in(). */
static char paths[2][4096];
static int next_path;

static const char *in(const char *dir, const char *name) {
    char *path = paths[next_path];
    next_path = 1 - next_path;
    snprintf(path, sizeof paths[0], "%s/%s", dir, name);
    return path;
}

static void on_usr1(int signal) {
    (void) signal;
}

static void files(const char *dir) {
    char buf[256];
    struct stat st;
    struct statfs sfs;
    int fd = syscall(SYS_open, in(dir, "a.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0640);
    write(fd, "first line\n\tsecond \"quoted\" line\\ with \001\002 bytes and more text after it\n", 71);
    pwrite(fd, "\0\0\0" "123", 6, 100);
    struct iovec out[2] = {{"one ", 4}, {"two\n", 4}};
    writev(fd, out, 2);
    fsync(fd);
    fdatasync(fd);
    ftruncate(fd, 200);
    flock(fd, LOCK_EX);
    flock(fd, LOCK_UN);
    fchmod(fd, 0644);
    syscall(SYS_fstat, fd, &st);
    close(fd);
    fd = syscall(SYS_open, in(dir, "a.txt"), O_RDONLY);
    read(fd, buf, 10);
    pread(fd, buf, 5, 100);
    lseek(fd, 0, SEEK_SET);
    char one[3], two[5];
    struct iovec iv[2] = {{one, sizeof one}, {two, sizeof two}};
    readv(fd, iv, 2);
    lseek(fd, -4, SEEK_END);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_GETFL);
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    int other = dup(fd);
    syscall(SYS_dup2, fd, 20);
    dup3(fd, 21, O_CLOEXEC);
    close(copy);
    close(other);
    close(20);
    syscall(SYS_close_range, 21, 21, 0);
    ioctl(fd, FIONREAD, &copy);
    close(fd);
    close(fd);
    syscall(SYS_stat, in(dir, "a.txt"), &st);
    syscall(SYS_lstat, in(dir, "missing"), &st);
    syscall(SYS_access, in(dir, "a.txt"), R_OK | W_OK);
    syscall(SYS_access, in(dir, "missing"), F_OK);
    syscall(SYS_faccessat2, AT_FDCWD, in(dir, "a.txt"), X_OK, AT_EACCESS);
    truncate(in(dir, "a.txt"), 20);
    syscall(SYS_chmod, in(dir, "a.txt"), 0600);
    syscall(SYS_chown, in(dir, "a.txt"), -1, -1);
    syscall(SYS_link, in(dir, "a.txt"), in(dir, "b.txt"));
    syscall(SYS_symlink, in(dir, "a.txt"), in(dir, "c.txt"));
    syscall(SYS_readlink, in(dir, "c.txt"), buf, sizeof buf);
    readlinkat(AT_FDCWD, in(dir, "a.txt"), buf, sizeof buf);
    syscall(SYS_rename, in(dir, "b.txt"), in(dir, "d.txt"));
    renameat(AT_FDCWD, in(dir, "d.txt"), AT_FDCWD, in(dir, "e.txt"));
    syscall(SYS_unlink, in(dir, "e.txt"));
    syscall(SYS_unlink, in(dir, "c.txt"));
    syscall(SYS_mkdir, in(dir, "sub"), 0755);
    mkdirat(AT_FDCWD, in(dir, "sub/deeper"), 0700);
    fd = syscall(SYS_creat, in(dir, "sub/f"), 0600);
    close(fd);
    fd = open(in(dir, "sub"), O_RDONLY | O_DIRECTORY);
    char dents[4096];
    syscall(SYS_getdents64, fd, dents, sizeof dents);
    fchdir(fd);
    getcwd(buf, sizeof buf);
    close(fd);
    chdir(dir);
    syscall(SYS_newfstatat, AT_FDCWD, "sub/f", &st, AT_SYMLINK_NOFOLLOW);
    struct statx stx;
    statx(AT_FDCWD, "sub/f", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
    faccessat(AT_FDCWD, "sub/f", R_OK, 0);
    unlinkat(AT_FDCWD, "sub/f", 0);
    unlinkat(AT_FDCWD, "sub/deeper", AT_REMOVEDIR);
    syscall(SYS_rmdir, "sub");
    statfs(dir, &sfs);
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    fstatfs(fd, &sfs);
    close(fd);
    umask(022);
    umask(077);
    fd = openat(AT_FDCWD, "a.txt", O_RDONLY);
    int sink = openat(AT_FDCWD, "copy.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
    off_t offset = 0;
    sendfile(sink, fd, &offset, 8);
    close(sink);
    close(fd);
    syscall(SYS_open, "/dev/null", O_RDWR | O_APPEND | O_NONBLOCK | O_NOCTTY);
}

static void pipes_and_polls(void) {
    int fds[2];
    char buf[16];
    syscall(SYS_pipe, fds);
    write(fds[1], "x", 1);
    struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLOUT, 0}};
    syscall(SYS_poll, p, 2, 100);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    struct timeval tv = {1, 0};
    syscall(SYS_select, fds[0] + 1, &readable, NULL, NULL, &tv);
    struct timespec ts = {0, 1000};
    ppoll(p, 1, &ts, NULL);
    struct timespec none = {0, 0};
    syscall(SYS_pselect6, fds[0] + 1, NULL, NULL, NULL, &none, NULL);
    read(fds[0], buf, sizeof buf);
    struct timespec zero = {0, 0};
    syscall(SYS_ppoll, p, 1, &zero, NULL, 8);
    close(fds[0]);
    close(fds[1]);
    pipe2(fds, O_CLOEXEC | O_NONBLOCK);
    read(fds[0], buf, sizeof buf);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 7};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    write(fds[1], "y", 1);
    struct epoll_event got[4];
    epoll_wait(ep, got, 4, 100);
    epoll_pwait(ep, got, 4, 0, NULL);
    epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL);
    int efd = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    unsigned long long counter;
    read(efd, &counter, sizeof counter);
    close(efd);
    close(ep);
    close(fds[0]);
    close(fds[1]);
}

static void sockets(const char *dir) {
    int pair[2];
    char buf[64];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    send(pair[0], "ping", 4, MSG_DONTWAIT);
    recv(pair[1], buf, sizeof buf, 0);
    struct iovec iov = {"message", 7};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    sendmsg(pair[1], &msg, 0);
    struct iovec back = {buf, sizeof buf};
    struct msghdr in_msg = {.msg_iov = &back, .msg_iovlen = 1};
    recvmsg(pair[0], &in_msg, 0);
    shutdown(pair[0], SHUT_WR);
    close(pair[0]);
    close(pair[1]);

    int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s/sock", dir);
    bind(server, (struct sockaddr *) &address, sizeof address);
    listen(server, 4);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *) &address, sizeof address);
    struct sockaddr_un peer;
    socklen_t length = sizeof peer;
    int accepted = accept4(server, (struct sockaddr *) &peer, &length, SOCK_CLOEXEC);
    int second = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(second, (struct sockaddr *) &address, sizeof address);
    int plain = accept(server, NULL, NULL);
    close(plain);
    close(second);
    length = sizeof peer;
    getsockname(client, (struct sockaddr *) &peer, &length);
    length = sizeof peer;
    getpeername(accepted, (struct sockaddr *) &peer, &length);
    int value = 1;
    setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &value, sizeof value);
    socklen_t size = sizeof value;
    getsockopt(client, SOL_SOCKET, SO_TYPE, &value, &size);
    size = sizeof value;
    getsockopt(client, SOL_SOCKET, SO_ERROR, &value, &size);
    close(accepted);
    close(client);
    close(server);
    unlink(address.sun_path);

    int receiver = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(47311), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    setsockopt(receiver, SOL_SOCKET, SO_REUSEADDR, &value, sizeof value);
    bind(receiver, (struct sockaddr *) &to, sizeof to);
    int sender = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in from = {.sin_family = AF_INET, .sin_port = htons(47312), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    setsockopt(sender, SOL_SOCKET, SO_REUSEADDR, &value, sizeof value);
    bind(sender, (struct sockaddr *) &from, sizeof from);
    sendto(sender, "datagram", 8, 0, (struct sockaddr *) &to, sizeof to);
    struct sockaddr_in source;
    socklen_t source_length = sizeof source;
    recvfrom(receiver, buf, sizeof buf, 0, (struct sockaddr *) &source, &source_length);
    close(sender);
    close(receiver);
    int six = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in6 nowhere = {.sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    connect(six, (struct sockaddr *) &nowhere, sizeof nowhere);
    close(six);
}

static void memory(void) {
    char *area = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(area, 4096, PROT_READ);
    madvise(area, 4096, MADV_DONTNEED);
    munmap(area, 3 * 4096);
    area = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    area = mremap(area, 4096, 2 * 4096, MREMAP_MAYMOVE);
    msync(area, 4096, MS_SYNC);
    munmap(area, 2 * 4096);
    mmap((void *) 0x10000, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    sbrk(0);
}

static void process(void) {
    struct utsname names;
    struct rlimit limit;
    struct rusage usage;
    uname(&names);
    getrlimit(RLIMIT_NOFILE, &limit);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &limit);
    struct sysinfo info;
    sysinfo(&info);
    prlimit(0, RLIMIT_CORE, NULL, &limit);
    getrusage(RUSAGE_SELF, &usage);
    getuid();
    geteuid();
    getgid();
    getegid();
    setuid(getuid());
    setgid(getgid());
    getpgrp();
    setsid();
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    sched_yield();
    char random[16];
    getrandom(random, sizeof random, GRND_NONBLOCK);
    struct timespec now;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    struct timeval tv;
    syscall(SYS_gettimeofday, &tv, NULL);
    syscall(SYS_getppid);
    struct timespec nap = {0, 1000};
    syscall(SYS_nanosleep, &nap, NULL);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL);

    struct sigaction action = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGTERM);
    sigaction(SIGUSR1, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), SIGUSR1);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    kill(getpid(), 0);

    pid_t child = fork();
    if (child == 0) {
        _exit(4);
    }
    int status;
    wait4(child, &status, 0, NULL);
    child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
    waitpid(-1, &status, WNOHANG);
    child = vfork();
    if (child == 0) {
        _exit(0);
    }
    waitpid(child, &status, 0);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    files(dir);
    pipes_and_polls();
    sockets(dir);
    memory();
    process();
    return 0;
}
