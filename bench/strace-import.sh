#!/bin/sh
# strace text import benchmark (issue 5): a strace -f -tt -T -y file of at least SIZE_MB (default
# 1024) made by repeating real strace output of the sample programs, with times moved on and pids
# varied, is imported by `tracekit analyze FILE --db` into a new database. Prints MB/s, lines/s,
# peak memory (RSS of the whole JVM) and CPU seconds (user + system, all threads) per GB, for
# RUNS runs (default 1) and their median. With --jar it measures several builds (each jar with
# DuckDB's native library beside it), their runs interleaved, so the machine's other load hits
# them alike. Then the ceilings: reading the file (`cat`, from the page cache) and DuckDB's
# appender alone (AppenderCeiling, on one DuckDB thread as the import). The file and database
# live in a temporary directory under /tmp and are deleted at the end.
#
#   bench/strace-import.sh              # 1 GB, one run
#   bench/strace-import.sh 200 3        # 200 MB, three runs
#   bench/strace-import.sh --jar /tmp/old/tracekit.jar --jar analyzer/target/tracekit.jar 1024 1
#
# Other strace parsers: none could be installed here (PyPI is out of reach; Debian and npm have
# none), so only tracekit is measured; docs/benchmarks.md says so.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jars=
while [ $# -gt 0 ]; do
    case $1 in
        --jar) jars="$jars $(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        *) break ;;
    esac
done
size_mb=${1:-1024}
runs=${2:-1}
mvn -q -B -DskipTests package
jars=${jars:-$root/analyzer/target/tracekit.jar}
work=$(mktemp -d /tmp/strace-import.XXXXXX)
trap 'rm -rf "$work"' EXIT

# real output of the samples, one strace file each
for sample in syscall_tour file_threads fork_exec signal_sleep; do
    gcc -O2 -pthread -o "$work/$sample" "samples/c/$sample.c"
    mkdir -p "$work/tour"
    strace -f -tt -T -y -o "$work/$sample.strace" "$work/$sample" "$work/tour" >/dev/null 2>&1
done
cat "$work"/*.strace > "$work/base.strace"

# repeated to size: each copy later in time (rolling over midnight when it comes) and with other pids
python3 - "$work/base.strace" "$work/big.strace" "$size_mb" <<'PY'
import re, sys
base, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
line_re = re.compile(r'^(\d+)( +)(\d\d):(\d\d):(\d\d)\.(\d{6})( .*)$')
parsed = []
for line in open(base, encoding='utf-8', errors='replace'):
    m = line_re.match(line.rstrip('\n'))
    if m:
        us = ((int(m[3]) * 60 + int(m[4])) * 60 + int(m[5])) * 1000000 + int(m[6])
        parsed.append((int(m[1]), us, m[7]))
    else:
        parsed.append((None, None, line.rstrip('\n')))
first = min(us for _, us, _ in parsed if us is not None)
last = max(us for _, us, _ in parsed if us is not None)
span = last - first + 1000
lowest = min(pid for pid, _, _ in parsed if pid is not None)
target = size_mb * 1024 * 1024
written, copy = 0, 0
with open(out, 'w') as f:
    while written < target:
        shift = 1000 + (copy % 3000) * 1000
        lines = []
        for pid, us, rest in parsed:
            if pid is None:
                lines.append(rest + '\n')
                continue
            t = (us - first + copy * span) % 86400000000
            s, frac = divmod(t, 1000000)
            h, s = divmod(s, 3600)
            m, s = divmod(s, 60)
            lines.append('%-5d %02d:%02d:%02d.%06d%s\n' % (pid - lowest + shift, h, m, s, frac, rest))
        block = ''.join(lines)
        f.write(block)
        written += len(block)
        copy += 1
PY
bytes=$(stat -c %s "$work/big.strace")
lines=$(wc -l < "$work/big.strace")
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; file $((bytes / 1048576)) MB, $lines lines"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
key() { echo "$1" | md5sum | cut -c1-8; }
printf '%-4s %-28s %9s %9s %12s %12s %9s %10s\n' run jar seconds "MB/s" "lines/s" "peak RSS MB" "CPU s" "CPU s/GB"
for jar in $jars; do : > "$work/$(key "$jar").seconds"; : > "$work/$(key "$jar").rss"; : > "$work/$(key "$jar").cpu"; done
row() { # run jar seconds rss-MB cpu-seconds
    awk -v n="$1" -v j="$2" -v s="$3" -v r="$4" -v c="$5" -v b="$bytes" -v l="$lines" \
        'BEGIN { printf "%-4s %-28s %9.1f %9.1f %12.0f %12d %9.1f %10.1f\n", n, j, s, b / 1048576 / s, l / s, r, c, c / (b / 1073741824) }'
}
run=1
while [ "$run" -le "$runs" ]; do
    for jar in $jars; do
        k=$(key "$jar")
        rm -f "$work/db.duckdb" "$work/db.duckdb.wal"
        /usr/bin/time -f '%e %M %U %S' -o "$work/time" java -XX:+UseSerialGC -jar "$jar" analyze "$work/big.strace" \
            --db "$work/db.duckdb" --sql "SELECT count(*) FROM syscall_rows" >/dev/null
        seconds=$(awk '{ print $1 }' "$work/time")
        rss=$(awk '{ print int($2 / 1024) }' "$work/time")
        cpu=$(awk '{ print $3 + $4 }' "$work/time")
        echo "$seconds" >> "$work/$k.seconds"; echo "$rss" >> "$work/$k.rss"; echo "$cpu" >> "$work/$k.cpu"
        row "$run" "$(basename "$(dirname "$jar")")/$(basename "$jar")" "$seconds" "$rss" "$cpu"
    done
    run=$((run + 1))
done
for jar in $jars; do
    k=$(key "$jar")
    row med "$(basename "$(dirname "$jar")")/$(basename "$jar")" "$(median < "$work/$k.seconds")" "$(median < "$work/$k.rss")" \
        "$(median < "$work/$k.cpu")"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
# The ceilings: reading the file, and DuckDB's appender alone filling syscall_rows
start=$(date +%s%N); cat "$work/big.strace" > /dev/null; end=$(date +%s%N)
awk -v ns="$((end - start))" -v b="$bytes" 'BEGIN { printf "cat FILE > /dev/null (page cache): %.2f s, %.0f MB/s\n", ns / 1e9, b / 1048576 / (ns / 1e9) }'
rm -f "$work/big.strace"
classpath="$(ls bench/target/tracekit-bench-*.jar):analyzer/target/tracekit.jar"
java -XX:+UseSerialGC -Dduckdb.threads=1 -cp "$classpath" dev.tracekit.bench.AppenderCeiling 3000000
java -XX:+UseSerialGC -Dduckdb.threads=1 -cp "$classpath" dev.tracekit.bench.AppenderCeiling 3000000 "$work/ceiling.duckdb"
echo "other strace parsers: none installable here (strace-parser, stracetools: PyPI unreachable; none in Debian or npm)"
