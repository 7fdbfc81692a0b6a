#!/usr/bin/env bash
# The recorder's own CPU while it samples a process whose threads mostly sleep (issue 6):
# bench/idle-threads.c with 32 threads in pthread_cond_wait and the main thread spinning for
# 3 s, recorded with --no-samples, -F 99 and -F 99 -e trace=none.
#
#   bench/idle-threads.sh                  # 5 rounds
#   bench/idle-threads.sh 9 /tmp/before    # 9 rounds, also the sampling configurations of
#                                          # another build (a checkout with analyzer/target/tracekit.jar)
#
# bench/timeit.c times the whole `tracekit record` command (CPU of the JVM and of the tracee,
# which it reaps) and, inside it, the workload alone; the recorder's CPU is the difference.
# Each round runs every configuration once, in an order that rotates from round to round.
# Printed: medians of the recorder's CPU, and their excess over --no-samples of the same build:
# what sampling costs in CPU beyond recording the calls (JVM start-up and the warm-up included).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
before=${2:-}
threads=${THREADS:-32}
seconds=${SECONDS_SPINNING:-3}
cd "$root"
. bench/common.sh
bench_setup idle-threads "$before"
gcc -O2 -Wall -pthread -o "$work/idle-threads" bench/idle-threads.c

declare -A config=(
    [no-samples]="--no-samples"
    [99Hz]="-F 99"
    [99Hz-trace=none]="-F 99 -e trace=none"
)
configs=(no-samples 99Hz 99Hz-trace=none)
if [ -n "$before" ]; then
    configs+=(no-samples@before 99Hz@before 99Hz-trace=none@before)
fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
for ((round = 0; round < runs; round++)); do
    for ((k = 0; k < ${#configs[@]}; k++)); do
        cfg=${configs[$(((k + round) % ${#configs[@]}))]}
        jar=analyzer/target/tracekit.jar
        [ "${cfg%@before}" = "$cfg" ] || jar=$before/analyzer/target/tracekit.jar
        # shellcheck disable=SC2086
        "$work/timeit" "$work/$cfg.whole" java -XX:+UseSerialGC -jar "$jar" record -o "$work/run.trace" \
            ${config[${cfg%@before}]} -- "$work/timeit" "$work/$cfg.workload" "$work/idle-threads" "$threads" "$seconds" \
            2>/dev/null
    done
done
# median of column 2 (CPU) of WHOLE minus WORKLOAD, line by line, in ms
recorder_cpu() { paste -d' ' "$1.whole" "$1.workload" | awk '{print ($2 - $4) / 1e6}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "== $threads threads asleep, the main thread spinning ${seconds} s (median of $runs runs)"
printf '%-24s %18s %14s\n' configuration 'recorder CPU ms' 'over no-samples'
for cfg in "${configs[@]}"; do
    plain=no-samples
    [ "${cfg%@before}" = "$cfg" ] || plain=no-samples@before
    cpu=$(recorder_cpu "$work/$cfg")
    base=$(recorder_cpu "$work/$plain")
    printf '%-24s %18.0f %14.0f\n' "$cfg" "$cpu" "$(awk -v c="$cpu" -v b="$base" 'BEGIN {print c - b}')"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
