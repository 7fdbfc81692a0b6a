#!/usr/bin/env bash
# What one stack sample costs the thread it samples, perf_event_open against PTRACE_INTERRUPT.
#
#   bench/sample-pause.sh [RUNS] [HZ]      # default 5 runs at 999 Hz
#
# bench/gaps.c spins for 2 s through a chain of calls, reading CLOCK_MONOTONIC, and sums the
# gaps between two reads: time the program did not run. It is recorded with -e trace=none (no
# syscall stops) and --no-samples, --sampler=perf and --sampler=ptrace, in a rotating order.
# Per configuration, medians over the runs of: the on-CPU samples of the spinning thread, the
# gaps of 1 us to 1 ms (a sample's pause, a timer tick, an interrupt) and their total, the
# total of longer gaps (the program waited for a CPU); and the cost per sample, the gap time
# beyond --no-samples' divided by the samples, once for gaps up to 1 ms (the pause itself),
# once for all gaps (with the waits for a CPU a stop may bring about).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
hz=${2:-999}
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests package
work=$(mktemp -d /tmp/sample-pause.XXXXXX)
trap 'rm -rf "$work"' EXIT
gcc -O2 -fomit-frame-pointer -o "$work/gaps" bench/gaps.c
configs=(no-samples perf ptrace)
declare -A option=([no-samples]="--no-samples" [perf]="-F $hz --sampler=perf" [ptrace]="-F $hz --sampler=ptrace")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
for ((round = 0; round < runs; round++)); do
    for ((k = 0; k < ${#configs[@]}; k++)); do
        cfg=${configs[$(((k + round) % ${#configs[@]}))]}
        # shellcheck disable=SC2086
        java -XX:+UseSerialGC -jar analyzer/target/tracekit.jar record -e trace=none ${option[$cfg]} \
            -o "$work/run.trace" -- "$work/gaps" 2 > "$work/gaps.out" 2>/dev/null
        samples=$(java -jar analyzer/target/tracekit.jar dump "$work/run.trace" | grep -c 'trigger=timer on-cpu' || true)
        # samples, short gaps, their ms, long gaps' ms
        awk -v s="$samples" '{n[$1] = $2; t[$1] = $3}
            END {print s, n["1-5us"] + n["5-20us"] + n["20-100us"] + n["100us-1ms"],
                 t["1-5us"] + t["5-20us"] + t["20-100us"] + t["100us-1ms"], t[">1ms"]}' "$work/gaps.out" >> "$work/$cfg"
    done
done
printf '%-12s %8s %11s %14s %13s %16s %16s\n' configuration samples 'short gaps' 'short gaps ms' 'long gaps ms' 'us/sample short' 'us/sample all'
base_short=$(awk '{print $3}' "$work/no-samples" | median)
base_all=$(awk '{print $3 + $4}' "$work/no-samples" | median)
for cfg in "${configs[@]}"; do
    s=$(awk '{print $1}' "$work/$cfg" | median)
    n=$(awk '{print $2}' "$work/$cfg" | median)
    short=$(awk '{print $3}' "$work/$cfg" | median)
    long=$(awk '{print $4}' "$work/$cfg" | median)
    all=$(awk '{print $3 + $4}' "$work/$cfg" | median)
    awk -v c="$cfg" -v s="$s" -v n="$n" -v sh="$short" -v l="$long" -v a="$all" -v bs="$base_short" -v ba="$base_all" \
        'BEGIN {printf "%-12s %8d %11d %14.2f %13.2f %16s %16s\n", c, s, n, sh, l,
                (s > 0 ? sprintf("%.1f", (sh - bs) * 1000 / s) : "-"), (s > 0 ? sprintf("%.1f", (a - ba) * 1000 / s) : "-")}'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
