#!/usr/bin/env bash
# The report's time and peak memory on recordings of 10 MB, 100 MB and 1 GB (BENCHMARKS.md,
# "The report: time and memory"). Writes the recordings with the cli tests' BulkRecording (a load
# generator writing lwp4j's I/O events through jdk.jfr directly) into DIR (default: a new temp dir, removed at
# the end), then runs `lwp4j-cli.jar report` on each under /usr/bin/time -v with a 1 GiB heap,
# HTML and terminal both, and prints one row per recording. Needs the cli built with its tests:
#   mvn -B -q -pl cli -am -DskipTests package test-compile
#   bench/report-scale.sh [JAVA] [DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java=${1:-$("$root/lwp4j" java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java}
dir=${2:-}
if [[ -z "$dir" ]]; then dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; fi
cli="$root/cli/target/lwp4j-cli.jar"
[[ -f "$cli" && -d "$root/cli/target/test-classes" ]] || { echo "build first: mvn -B -q -pl cli -am -DskipTests package test-compile" >&2; exit 1; }
echo "| recording | file | lwp4j events | report (HTML + terminal) wall | peak RSS | heap limit |"
echo "|---|---:|---:|---:|---:|---:|"
for mb in 10 100 1024; do
    rec="$dir/bulk-$mb.jfr"
    [[ -f "$rec" ]] || "$java" -cp "$root/cli/target/test-classes" \
        io.lwp4j.cli.report.BulkRecording "$rec" "$mb" >/dev/null
    log="$dir/time-$mb.log"
    /usr/bin/time -v "$java" -Xmx1g -jar "$cli" report "$rec" -o "$dir/bulk-$mb.html" >"$dir/out-$mb.txt" 2>"$log"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    events=$(grep -o '[0-9,]* lwp4j events read' "$dir/bulk-$mb.html" | head -1 | cut -d' ' -f1)
    printf '| %s MB | %s MiB | %s | %s | %s MiB | 1 GiB |\n' "$mb" "$(( $(stat -c %s "$rec") / 1048576 ))" \
        "${events:-?}" "$wall" "$(( rss / 1024 ))"
done
