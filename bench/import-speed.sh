#!/bin/sh
# Import benchmark (issue 4): logs of 1, 3 and 10 million synthetic syscalls (the log-size
# bench's real-world mix) imported by `tracekit analyze --db`, then `--summary` on the database.
# Prints events per second, peak memory (RSS of the whole JVM) and the summary's time, medians
# of 3 runs. Peak memory should stay flat as the log grows: the import streams.
#
#   bench/import-speed.sh               # 1M 3M 10M
#   bench/import-speed.sh 1000000       # sizes of your choice
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -q -B -DskipTests package
sizes=${*:-1000000 3000000 10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
classpath=$(ls bench/target/tracekit-bench-*.jar):$(ls recorder/target/tracekit-recorder-*.jar)

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-10s %10s %12s %14s %12s %12s\n' events "log MB" "import s" "events/s" "peak RSS MB" "summary s"
for events in $sizes; do
    log="$work/$events.trace"
    java -cp "$classpath" dev.tracekit.bench.LogSizeBench --sample "$log" --events "$events" >/dev/null
    : > "$work/import"; : > "$work/rss"; : > "$work/summary"
    for run in 1 2 3; do
        rm -f "$work/db.duckdb"
        /usr/bin/time -f '%e %M' -o "$work/time" bin/tracekit analyze "$log" --db "$work/db.duckdb" --sql "SELECT 1" >/dev/null
        awk '{ print $1 }' "$work/time" >> "$work/import"
        awk '{ print $2 }' "$work/time" >> "$work/rss"
        /usr/bin/time -f '%e' -o "$work/time" bin/tracekit analyze "$work/db.duckdb" --summary >/dev/null
        cat "$work/time" >> "$work/summary"
    done
    import=$(median < "$work/import")
    printf '%-10s %10.1f %12s %14.0f %12.0f %12s\n' "$events" "$(($(stat -c %s "$log") / 1000000))" "$import" \
        "$(echo "$events / $import" | bc -l)" "$(($(median < "$work/rss") / 1024))" "$(median < "$work/summary")"
done
echo "import s and summary s include the JVM's start (about 0.5 s); the machine: $(nproc) cores"
