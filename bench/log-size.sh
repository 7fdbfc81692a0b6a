#!/bin/sh
# Log size benchmark (issue 2): bytes per system call in a tracekit log next to the
# `strace -f -tt -T` text of the same calls, at compression levels 0, 1 and 6, then real strace
# text of the workload the synthetic mix was modelled on, so the model can be judged.
#
#   bench/log-size.sh                     # 1,000,000 synthetic calls
#   bench/log-size.sh --events 200000 --breakdown
#   bench/log-size.sh --sample samples/traces/synthetic.trace   # regenerate the sample log
#   bench/log-size.sh --show-strace 20    # the model's strace lines
# It runs from the repository root, so relative paths are the root's.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -q -B -DskipTests package -pl bench -am

# The trace package needs nothing but these two jars.
classpath=$(ls bench/target/tracekit-bench-*.jar):$(ls recorder/target/tracekit-recorder-*.jar | grep -v -- -tests.jar)

case " $* " in
    *" --sample "* | *" --show-strace "*)
        exec java -cp "$classpath" dev.tracekit.bench.LogSizeBench "$@" ;;
esac

# The workload MixSyscall's numbers came from; /usr/bin/python3, not a python3 shim on PATH.
workload="/usr/bin/python3 -c 'import json, email.parser, http.client, sqlite3'; tar cf - /usr/share/doc 2>/dev/null | cat >/dev/null"
real=$(mktemp -d)
trap 'rm -rf "$real"' EXIT
if command -v strace >/dev/null 2>&1 && [ -x /usr/bin/python3 ]; then
    for run in 1 2 3 4 5; do
        strace -f -tt -T -o "$real/strace-$run.txt" sh -c "$workload"
    done
    java -cp "$classpath" dev.tracekit.bench.LogSizeBench --real-strace "$real" "$@"
else
    echo "log-size: strace or /usr/bin/python3 is missing: no real strace text to compare with" >&2
    java -cp "$classpath" dev.tracekit.bench.LogSizeBench "$@"
fi
