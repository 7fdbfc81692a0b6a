# Sourced by the sampling benchmarks: bench_setup NAME [BEFORE] builds this checkout, checks
# that BEFORE (another checkout, if given) has its jar built, and leaves in $work a private
# directory, removed on exit, holding bench/timeit.c built as $work/timeit.
bench_setup() {
    local name=$1 before=${2:-}
    mvn -q -B -Dstyle.color=never -DskipTests package
    if [ -n "$before" ] && [ ! -f "$before/analyzer/target/tracekit.jar" ]; then
        echo "$name: $before/analyzer/target/tracekit.jar is missing; build it there first" >&2
        exit 2
    fi
    work=$(mktemp -d "/tmp/$name.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    gcc -O2 -Wall -o "$work/timeit" bench/timeit.c
}
