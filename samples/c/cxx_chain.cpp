// A known C++ call chain for the unwinder's demangling test: a template, a class method in a
// namespace and an operator, blocked in nanosleep. Creates the file named by argv[1] when ready.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;

namespace tracekit_sample {

struct Napper {
    __attribute__((noinline)) void nap(const char *ready_file) {
        close(open(ready_file, O_WRONLY | O_CREAT, 0644));
        for (;;) {
            timespec nap_time = {1000, 0};
            nanosleep(&nap_time, nullptr);
            sink++;
        }
    }

    __attribute__((noinline)) void operator()(const char *ready_file) {
        nap(ready_file);
        sink++;
    }
};

template <typename T>
__attribute__((noinline)) void run_with(T &callable, const char *ready_file) {
    callable(ready_file);
    sink++;
}

}  // namespace tracekit_sample

int main(int argc, char **argv) {
    tracekit_sample::Napper napper;
    tracekit_sample::run_with(napper, argc > 1 ? argv[1] : "/dev/null");
    return 0;
}
