#!/usr/bin/env bash
# Recording speed benchmark (issue 3): the wall time of a traced command untraced, under
# `tracekit record` (with stack samples at the default 99 Hz, and with --no-samples), under
# `strace -f -tt -T` and under bench/ptrace-floor.c (stops at every syscall entry and exit and
# does nothing else), as medians of the same run, with ratios.
#
#   bench/record-speed.sh                  # 5 repetitions of each workload and configuration
#   bench/record-speed.sh --runs 11
#   bench/record-speed.sh --variant spin20=-Dtracekit.spinMicros=20   # one more tracekit column,
#                                          # run with TRACEKIT_JAVA_OPTS set to the options given
#   bench/record-speed.sh --raw            # also every run's time, sorted (is it bimodal?)
#   bench/record-speed.sh --quiet-wait 0   # start runs at once, not when the machine is idle
#   WORKLOADS="forks" bench/record-speed.sh   # some of the workloads: dd, mt-syscalls, forks
#
# Workloads: dd (one thread, 200,000 cheap calls), mt-syscalls (4 threads of 50,000 calls),
# forks (bench/fork-loop.c: 2,000 runs of /bin/true, fork, exec and wait each; by default
# left out, as it takes longest).
#
# What is timed: bench/timeit.c runs the workload and writes the nanoseconds from its fork to
# the reaped exit. It runs under each tracer (`tracekit record -- timeit F dd ...`), so the
# tracee's time is measured the same way in every configuration, and tracekit's JVM start-up
# and shutdown are left out: they are measured apart, recording /bin/true. timeit's own few
# calls (a fork, a wait, a write) are traced too, alike in every configuration.
# Runs are interleaved (every configuration once per repetition, in a rotating order), so a
# slow spell of the machine hits all configurations alike rather than one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

runs=5
quiet_wait=10
raw=0
variants=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --variant) variants+=("$2"); shift 2 ;;
        --quiet-wait) quiet_wait=$2; shift 2 ;;
        --raw) raw=1; shift ;;
        -h | --help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "record-speed: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
for tool in strace gcc java; do
    command -v "$tool" >/dev/null || { echo "record-speed: $tool is missing" >&2; exit 1; }
done

(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package)
native=$root/bench/target/native
mkdir -p "$native"
for program in ptrace-floor mt-syscalls timeit fork-loop; do
    gcc -O2 -Wall -Wextra -o "$native/$program" "$root/bench/$program.c" -lpthread
done

work=$(mktemp -d /tmp/record-speed.XXXXXX)
trap 'rm -rf "$work"' EXIT
timeit=$native/timeit
tracekit=$root/bin/tracekit

read -r -a workloads <<<"${WORKLOADS:-dd mt-syscalls}"
declare -A workload_command=(
    [dd]="dd if=/dev/zero of=/dev/null bs=1 count=100000"
    [mt-syscalls]="$native/mt-syscalls 4 50000"
    [forks]="$native/fork-loop 2000 /bin/true"
)
for workload in "${workloads[@]}"; do
    [ -n "${workload_command[$workload]:-}" ] || { echo "record-speed: unknown workload $workload" >&2; exit 2; }
done
configs=(untraced tracekit no-samples strace floor)
declare -A variant_opts=()
for variant in "${variants[@]}"; do
    name=${variant%%=*}
    variant_opts[$name]=${variant#*=}
    configs+=("$name")
done

# Waits (--quiet-wait seconds at most, 10 by default) until the machine has been idle for
# 300 ms: other work on these small VMs changes where the scheduler puts tracer and tracee,
# and so the very thing measured.
busy_runs=0
wait_quiet() {
    [ "$quiet_wait" -gt 0 ] || return 0
    local deadline=$((SECONDS + quiet_wait)) a b
    while :; do
        a=($(head -1 /proc/stat)); sleep 0.3; b=($(head -1 /proc/stat))
        local total=0 i
        for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
        local idle=$((b[4] + b[5] - a[4] - a[5]))
        # Busy below 5% of all CPUs: idle.
        if [ $((100 * (total - idle))) -le $((5 * total)) ]; then
            return 0
        fi
        if [ $SECONDS -ge $deadline ]; then
            busy_runs=$((busy_runs + 1))
            return 0
        fi
    done
}

# run CONFIG WORKLOAD INNER_FILE OUTER_FILE CMD...: times one run, inside and outside the tracer.
run() {
    local config=$1 inner=$2 outer=$3
    shift 3
    local -a traced
    case "$config" in
        untraced) traced=("$timeit" "$inner" "$@") ;;
        strace) traced=(strace -f -o "$work/run.txt" -tt -T "$timeit" "$inner" "$@") ;;
        floor) traced=("$native/ptrace-floor" "$timeit" "$inner" "$@") ;;
        no-samples) traced=("$tracekit" record --no-samples -o "$work/run.trace" -- "$timeit" "$inner" "$@") ;;
        *) traced=("$tracekit" record -o "$work/run.trace" -- "$timeit" "$inner" "$@") ;;
    esac
    wait_quiet
    if ! TRACEKIT_JAVA_OPTS=${variant_opts[$config]:-} "$timeit" "$outer" "${traced[@]}" >"$work/out" 2>&1; then
        echo "record-speed: failed: ${traced[*]}" >&2
        cat "$work/out" >&2
        exit 1
    fi
    rm -f "$work/run.txt" "$work/run.trace"
}

echo "record-speed: $runs repetitions of ${#workloads[@]} workloads x ${#configs[@]} configurations," \
    "and of /bin/true for the JVM start-up; $(nproc) CPUs, $(uname -r)" >&2
for ((rep = 0; rep < runs; rep++)); do
    echo "record-speed: repetition $((rep + 1)) of $runs" >&2
    for workload in "${workloads[@]}"; do
        read -r -a command <<<"${workload_command[$workload]}"
        for ((k = 0; k < ${#configs[@]}; k++)); do
            config=${configs[$(((k + rep) % ${#configs[@]}))]}
            run "$config" "$work/$workload.$config.inner" "$work/$workload.$config.outer" "${command[@]}"
        done
    done
    for config in untraced tracekit; do
        run "$config" "$work/true.$config.inner" "$work/true.$config.outer" /bin/true
    done
done

# median FILE: the median of the nanosecond lines of FILE, in seconds.
median() {
    sort -n "$1" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4f", m / 1e9 }'
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

for workload in "${workloads[@]}"; do
    echo
    echo "$workload: ${workload_command[$workload]/$root\//}, median of $runs runs"
    printf '%-18s %9s %17s %9s %7s %8s\n' configuration 'tracee s' '(min - max)' 'whole s' /floor /strace
    floor=$(median "$work/$workload.floor.inner")
    strace_median=$(median "$work/$workload.strace.inner")
    for config in "${configs[@]}"; do
        inner=$work/$workload.$config.inner
        tracee=$(median "$inner")
        ratios=("" "")
        [ "$config" = untraced ] || ratios=("$(ratio "$tracee" "$floor")" "$(ratio "$tracee" "$strace_median")")
        printf '%-18s %9s %17s %9s %7s %8s' "$config" "$tracee" \
            "$(sort -n "$inner" | awk 'NR == 1 { a = $1 } END { printf "(%.3f - %.3f)", a / 1e9, $1 / 1e9 }')" \
            "$(median "$work/$workload.$config.outer")" "${ratios[0]}" "${ratios[1]}"
        if [ "$raw" = 1 ]; then
            printf "   %s" "$(sort -n "$inner" | awk "{ printf \"%.3f \", \$1 / 1e9 }")"
        fi
        echo
    done
    echo "tracekit/floor $(ratio "$(median "$work/$workload.tracekit.inner")" "$floor")," \
        "tracekit/strace $(ratio "$(median "$work/$workload.tracekit.inner")" "$strace_median")," \
        "strace/floor $(ratio "$strace_median" "$floor")"
done
echo
true_untraced=$(median "$work/true.untraced.outer")
true_tracekit=$(median "$work/true.tracekit.outer")
echo "JVM start-up and shutdown, median of $runs: tracekit record -- /bin/true ${true_tracekit} s," \
    "/bin/true ${true_untraced} s: fixed cost $(awk -v a="$true_tracekit" -v b="$true_untraced" 'BEGIN { printf "%.3f", a - b }') s"
if [ "$busy_runs" -gt 0 ]; then
    echo "note: $busy_runs of $((runs * (${#workloads[@]} * ${#configs[@]} + 2))) runs started while other work kept the machine busy"
fi
