#!/bin/sh
# Import benchmark (issue 4): logs of 1, 3 and 10 million synthetic syscalls (the log-size
# bench's real-world mix) imported by `tracekit analyze --db`, then `--summary` on the database.
# Prints events per second, peak memory (RSS of the whole JVM), the database's size and the
# summary's time: medians of 3 imports, and of 3 summaries after each. Peak memory should stay
# flat as the log grows: the import streams. Last, the ceiling any import through DuckDB's Java
# appender has here: the appender alone filling syscall_rows (AppenderCeiling).
#
#   bench/import-speed.sh                          # 1M 3M 10M, this checkout's build
#   bench/import-speed.sh 1000000                  # sizes of your choice
#   bench/import-speed.sh --jar old.jar --jar analyzer/target/tracekit.jar
#                                                  # builds side by side, runs interleaved
#
# Each run starts a JVM as bin/tracekit does (serial GC); import s and summary s include its
# start and DuckDB's (about 0.8 s together). Runs of several jars alternate, so a machine
# shared with other work slows them alike.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jars=""
while [ $# -gt 0 ]; do
    case $1 in
        --jar) jars="$jars $(readlink -f "$2")"; shift 2 ;;
        *) break ;;
    esac
done
mvn -q -B -DskipTests package
jars=${jars:-$root/analyzer/target/tracekit.jar}
sizes=${*:-1000000 3000000 10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
classpath=$(ls bench/target/tracekit-bench-*.jar):$(ls recorder/target/tracekit-recorder-*.jar | grep -v -- -tests.jar)

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%-10s %-24s %8s %9s %12s %12s %8s %10s\n' events jar "log MB" "import s" "events/s" "peak RSS MB" "db MB" "summary s"
for events in $sizes; do
    log="$work/$events.trace"
    java -cp "$classpath" dev.tracekit.bench.LogSizeBench --sample "$log" --events "$events" >/dev/null
    for jar in $jars; do
        key=$(echo "$jar" | md5sum | cut -c1-8)
        : > "$work/$key.import"; : > "$work/$key.rss"; : > "$work/$key.summary"
    done
    for run in 1 2 3; do
        for jar in $jars; do
            key=$(echo "$jar" | md5sum | cut -c1-8)
            rm -f "$work/db.duckdb"
            /usr/bin/time -f '%e %M' -o "$work/time" java -XX:+UseSerialGC -jar "$jar" analyze "$log" --db "$work/db.duckdb" --sql "SELECT 1" >/dev/null
            awk '{ print $1 }' "$work/time" >> "$work/$key.import"
            awk '{ print $2 }' "$work/time" >> "$work/$key.rss"
            stat -c %s "$work/db.duckdb" > "$work/$key.db"
            for summary in 1 2 3; do
                /usr/bin/time -f '%e' -o "$work/time" java -XX:+UseSerialGC -jar "$jar" analyze "$work/db.duckdb" --summary >/dev/null
                cat "$work/time" >> "$work/$key.summary"
            done
        done
    done
    for jar in $jars; do
        key=$(echo "$jar" | md5sum | cut -c1-8)
        import=$(median < "$work/$key.import")
        printf '%-10s %-24s %8d %9s %12.0f %12.0f %8d %10s\n' "$events" "$(basename "$jar")" \
            "$(($(stat -c %s "$log") / 1000000))" "$import" "$(echo "$events / $import" | bc -l)" \
            "$(($(median < "$work/$key.rss") / 1024))" "$(($(cat "$work/$key.db") / 1000000))" \
            "$(median < "$work/$key.summary")"
    done
done
# The ceiling: DuckDB's appender alone filling syscall_rows, nothing decoded or rendered.
java -XX:+UseSerialGC -cp "$(ls bench/target/tracekit-bench-*.jar):analyzer/target/tracekit.jar" \
    dev.tracekit.bench.AppenderCeiling 3000000
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
