#!/usr/bin/env bash
# Stack unwinding speed (issue 6): samples samples/c/stack_chain.c (gcc -O2
# -fomit-frame-pointer, a 5-deep chain) through ptrace, on the CPU (spin) and blocked
# (sleep), and prints the pause per thread per sample and unwinds per second.
#
#   bench/unwind-speed.sh            # 500 samples per mode
#   bench/unwind-speed.sh 2000
#
# Needs ptrace (root, or ptrace_scope 0) and gcc. Short: a few seconds of CPU in all.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
samples=${1:-500}
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests package
classpath=$(ls bench/target/tracekit-bench-*.jar):analyzer/target/tracekit.jar
work=$(mktemp -d /tmp/unwind-speed.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
gcc -O2 -Wall -pthread -fomit-frame-pointer -o "$work/stack_chain" samples/c/stack_chain.c
for mode in spin sleep; do
    "$work/stack_chain" "$mode" "$work/ready-$mode" &
    pids+=($!)
    while [ ! -e "$work/ready-$mode" ]; do sleep 0.01; done
    echo "== $mode"
    java -XX:+UseSerialGC -cp "$classpath" dev.tracekit.bench.UnwindSpeed "${pids[-1]}" "$samples"
done
