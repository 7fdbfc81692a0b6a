#!/usr/bin/env bash
# Stack sampling overhead (issue 6): how much `tracekit record -F 99` slows the tracee, on a
# CPU-bound program (a loop through a 5-deep call chain, few syscalls) and on a syscall-bound
# one (dd with 1-byte blocks), against the same program untraced and recorded with
# --no-samples; the CPU-bound one also with -e trace=none (samples only, no syscall stops).
#
#   bench/sample-overhead.sh            # 5 interleaved runs of each configuration
#   bench/sample-overhead.sh 9
#
# What is timed: bench/timeit.c runs the workload and writes its wall time, fork to reaped
# exit, so tracekit's JVM start-up and shutdown are left out. Runs are interleaved, each
# configuration once per round, so a slow spell of the shared machine hits all alike; the
# medians are printed, and their ratios to untraced and to --no-samples.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests package
work=$(mktemp -d /tmp/sample-overhead.XXXXXX)
trap 'rm -rf "$work"' EXIT
gcc -O2 -Wall -o "$work/timeit" bench/timeit.c
cat > "$work/busy.c" <<'C'
/* busy N: N rounds of a 5-deep noinline chain of arithmetic, about a second for N = 3e8 / 5. */
#include <stdlib.h>
static volatile unsigned long sink;
__attribute__((noinline)) static void leaf(long i) { sink += i * 7; }
__attribute__((noinline)) static void c4(long i) { leaf(i); sink ^= i; }
__attribute__((noinline)) static void c3(long i) { c4(i); sink += 3; }
__attribute__((noinline)) static void c2(long i) { c3(i); sink += 2; }
__attribute__((noinline)) static void c1(long i) { c2(i); sink += 1; }
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 60000000;
    for (long i = 0; i < n; i++) c1(i);
    return 0;
}
C
gcc -O2 -fomit-frame-pointer -o "$work/busy" "$work/busy.c"

tracekit() { bin/tracekit record -o "$work/run.trace" "$@" 2>/dev/null; }
declare -A config=(
    [untraced]=""
    [no-samples]="--no-samples"
    [99Hz]="-F 99"
    [99Hz-trace=none]="-F 99 -e trace=none"
)
run() { # workload-name config-name command...
    local name=$1 cfg=$2; shift 2
    if [ "$cfg" = untraced ]; then
        "$work/timeit" "$work/$name-$cfg.times" "$@"
    else
        # shellcheck disable=SC2086
        tracekit ${config[$cfg]} -- "$work/timeit" "$work/$name-$cfg.times" "$@"
    fi
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for workload in cpu syscalls; do
    if [ $workload = cpu ]; then
        command=("$work/busy" 60000000)
        configs=(untraced no-samples 99Hz 99Hz-trace=none)
    else
        command=(dd if=/dev/zero of=/dev/null bs=1 count=20000 status=none)
        configs=(untraced no-samples 99Hz)
    fi
    for ((round = 0; round < runs; round++)); do
        for cfg in "${configs[@]}"; do
            run $workload "$cfg" "${command[@]}"
        done
    done
    echo "== $workload: ${command[*]##*/} (median of $runs runs)"
    base=$(median "$work/$workload-untraced.times")
    plain=$(median "$work/$workload-no-samples.times")
    for cfg in "${configs[@]}"; do
        m=$(median "$work/$workload-$cfg.times")
        awk -v c="$cfg" -v m="$m" -v b="$base" -v p="$plain" \
            'BEGIN {printf "%-16s %9.1f ms   x%.3f untraced   x%.3f --no-samples\n", c, m / 1e6, m / b, m / p}'
    done
done
