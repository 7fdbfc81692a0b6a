#!/bin/sh
# strace text import benchmark (issue 5): a strace -f -tt -T -y file of at least SIZE_MB (default
# 1024) made by repeating real strace output of the sample programs, with times moved on and pids
# varied, is imported by `tracekit analyze FILE --db` into a new database. Prints MB/s, lines/s
# and peak memory (RSS of the whole JVM), for RUNS runs (default 1) and their median. The file
# and database live in a temporary directory under /tmp and are deleted at the end.
#
#   bench/strace-import.sh              # 1 GB, one run
#   bench/strace-import.sh 200 3        # 200 MB, three runs
#
# Other strace parsers: none could be installed here (PyPI is out of reach; Debian and npm have
# none), so only tracekit is measured; docs/benchmarks.md says so.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size_mb=${1:-1024}
runs=${2:-1}
mvn -q -B -DskipTests package -pl recorder,analyzer
jar=$root/analyzer/target/tracekit.jar
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
printf '%-4s %9s %9s %12s %12s\n' run seconds "MB/s" "lines/s" "peak RSS MB"
: > "$work/seconds"; : > "$work/rss"
run=1
while [ "$run" -le "$runs" ]; do
    rm -f "$work/db.duckdb" "$work/db.duckdb.wal"
    /usr/bin/time -f '%e %M' -o "$work/time" java -XX:+UseSerialGC -jar "$jar" analyze "$work/big.strace" \
        --db "$work/db.duckdb" --sql "SELECT count(*) FROM syscall_rows" >/dev/null
    seconds=$(awk '{ print $1 }' "$work/time")
    rss=$(awk '{ print int($2 / 1024) }' "$work/time")
    echo "$seconds" >> "$work/seconds"; echo "$rss" >> "$work/rss"
    awk -v s="$seconds" -v b="$bytes" -v l="$lines" -v r="$rss" -v n="$run" \
        'BEGIN { printf "%-4s %9.1f %9.1f %12.0f %12d\n", n, s, b / 1048576 / s, l / s, r }'
    run=$((run + 1))
done
seconds=$(median < "$work/seconds"); rss=$(median < "$work/rss")
awk -v s="$seconds" -v b="$bytes" -v l="$lines" -v r="$rss" \
    'BEGIN { printf "%-4s %9.1f %9.1f %12.0f %12d\n", "med", s, b / 1048576 / s, l / s, r }'
echo "other strace parsers: none installable here (strace-parser, stracetools: PyPI unreachable; none in Debian or npm)"
