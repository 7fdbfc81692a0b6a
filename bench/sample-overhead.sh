#!/usr/bin/env bash
# Stack sampling overhead (issue 6): how much `tracekit record -F 99` slows the tracee, on a
# CPU-bound program (a loop through a 5-deep call chain, few syscalls) and on a syscall-bound
# one (dd with 1-byte blocks), against the same program untraced and recorded with
# --no-samples; both also with --sampler=ptrace (threads on the CPU interrupted, as where
# perf_event_open is refused), the CPU-bound one also with -e trace=none (samples only, no
# syscall stops).
#
#   bench/sample-overhead.sh                  # 5 rounds
#   bench/sample-overhead.sh 15               # 15 rounds
#   bench/sample-overhead.sh 15 /tmp/before   # also the sampling configurations of another
#                                             # build (a checkout with analyzer/target/tracekit.jar)
#   WORKLOADS=syscalls bench/sample-overhead.sh 21 /tmp/before   # dd alone (or WORKLOADS=cpu)
#
# What is timed: bench/timeit.c runs the workload and writes its wall time, fork to reaped
# exit, so tracekit's JVM start-up and shutdown are left out, and the workload's CPU time
# (user + system), which the shared machine's other load disturbs less than the wall time.
# Last, the whole `tracekit record -- /bin/true` command: the fixed cost of a recording, which
# the stack warm-up before the tracee starts adds to.
# Each round runs every configuration once, in an order that rotates from round to round, so
# a slow spell of the shared machine hits all alike. Printed: medians, and their ratios to
# untraced and to --no-samples of the same build; last, the median of the per-round ratios of
# the wall time to --no-samples' of the same round ("paired"), which a slow spell disturbs less.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
before=${2:-}
cd "$root"
. bench/common.sh
bench_setup sample-overhead "$before"
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

declare -A config=(
    [untraced]=""
    [no-samples]="--no-samples"
    [99Hz]="-F 99"
    [99Hz-trace=none]="-F 99 -e trace=none"
    [99Hz-ptrace]="-F 99 --sampler=ptrace"
)
# Configurations the other build may not know: not run @before.
new_only=" 99Hz-ptrace "
run() { # workload-name config-name command...
    local name=$1 cfg=$2; shift 2
    local jar=analyzer/target/tracekit.jar options=${config[${cfg%@before}]}
    if [ "$cfg" = untraced ]; then
        "$work/timeit" "$work/$name-$cfg.times" "$@"
        return
    fi
    [ "${cfg%@before}" = "$cfg" ] || jar=$before/analyzer/target/tracekit.jar
    # shellcheck disable=SC2086
    java -XX:+UseSerialGC -jar "$jar" record -o "$work/run.trace" $options -- \
        "$work/timeit" "$work/$name-$cfg.times" "$@" 2>/dev/null
}
# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# paired FILE BASE_FILE: the median of the per-round ratios of the wall times (line N is round N)
paired() { paste -d' ' "$1" "$2" | awk '{print $1 / $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
for workload in ${WORKLOADS:-cpu syscalls}; do
    if [ $workload = cpu ]; then
        command=("$work/busy" "${BUSY_ROUNDS:-60000000}")
        configs=(untraced no-samples 99Hz 99Hz-trace=none 99Hz-ptrace)
    else
        command=(dd if=/dev/zero of=/dev/null bs=1 count=20000 status=none)
        configs=(untraced no-samples 99Hz 99Hz-ptrace)
    fi
    if [ -n "$before" ]; then
        for cfg in "${configs[@]}"; do
            [ "$cfg" = untraced ] || [[ $new_only == *" $cfg "* ]] || configs+=("$cfg@before")
        done
    fi
    for ((round = 0; round < runs; round++)); do
        for ((k = 0; k < ${#configs[@]}; k++)); do
            run $workload "${configs[$(((k + round) % ${#configs[@]}))]}" "${command[@]}"
        done
    done
    echo "== $workload: ${command[*]##*/} (median of $runs runs)"
    printf '%-22s %10s %9s %12s %10s %9s %12s %8s\n' configuration 'wall ms' /untraced /no-samples 'cpu ms' /untraced /no-samples paired
    for cfg in "${configs[@]}"; do
        plain=no-samples
        [ "${cfg%@before}" = "$cfg" ] || plain=no-samples@before
        line=
        for column in 1 2; do
            m=$(median "$work/$workload-$cfg.times" $column)
            b=$(median "$work/$workload-untraced.times" $column)
            p=$(median "$work/$workload-$plain.times" $column)
            line+=$(awk -v m="$m" -v b="$b" -v p="$p" 'BEGIN {printf " %10.1f %9.3f %12.3f", m / 1e6, m / b, m / p}')
        done
        line+=$(printf ' %8.3f' "$(paired "$work/$workload-$cfg.times" "$work/$workload-$plain.times")")
        printf '%-22s%s\n' "$cfg" "$line"
    done
done
# What the warm-up before the tracee adds to a recording: the whole command on /bin/true.
configs=(no-samples 99Hz)
[ -z "$before" ] || configs+=(no-samples@before 99Hz@before)
for ((round = 0; round < runs; round++)); do
    for ((k = 0; k < ${#configs[@]}; k++)); do
        cfg=${configs[$(((k + round) % ${#configs[@]}))]}
        jar=analyzer/target/tracekit.jar
        [ "${cfg%@before}" = "$cfg" ] || jar=$before/analyzer/target/tracekit.jar
        # shellcheck disable=SC2086
        "$work/timeit" "$work/startup-$cfg.times" java -XX:+UseSerialGC -jar "$jar" record -o "$work/run.trace" \
            ${config[${cfg%@before}]} -- /bin/true 2>/dev/null
    done
done
echo "== start-up and shutdown: tracekit record -- /bin/true, whole command (median of $runs runs)"
for cfg in "${configs[@]}"; do
    printf '%-22s %10.1f ms\n' "$cfg" "$(median "$work/startup-$cfg.times" 1 | awk '{print $1 / 1e6}')"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
