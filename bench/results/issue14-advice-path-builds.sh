#!/usr/bin/env bash
# Stop 25: AdvicePathBenchmark's pieces of the per-call path in two builds of the benchmarks jar, alternating
# (order flipped each round), JMH's defaults of the class (1 fork, 3 x 1 s warm-up, 5 x 1 s measured).
# Usage: bench/results/issue14-advice-path-builds.sh ROUNDS NAME=BENCHMARKS_JAR... (run under flock -x)
set -u
rounds=$1; shift
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
W=$(mktemp -d /tmp/lwp4j-advice-path.XXXX); trap 'rm -rf "$W"' EXIT
configs=("$@"); reversed=(); for ((k = ${#configs[@]} - 1; k >= 0; k--)); do reversed+=("${configs[k]}"); done
for ((i = 1; i <= rounds; i++)); do
  order=("${configs[@]}"); if ((i % 2 == 0)); then order=("${reversed[@]}"); fi
  for c in "${order[@]}"; do
    "$J" -jar "${c#*=}" 'AdvicePathBenchmark\.(countWaitedCold|count|slot|whole)$' -rf csv -rff "$W/r.csv" > /dev/null 2>&1
    awk -F, -v r="$i" -v n="${c%%=*}" '/AdvicePathBenchmark/ { gsub(/"/, "", $1); sub(/.*\./, "", $1); printf "round %d %s %s %.2f\n", r, n, $1, $5 }' "$W/r.csv"
  done
done | tee "$W/all"
echo "ns per call, each round (medians of the rounds last):"
sort -k4,4 -k3,3 "$W/all" | awk '{ k = $4 " " $3; if (k != last) { if (last != "") print line; line = k ":"; last = k } line = line " " $5 } END { print line }'
awk '{ print $4, $3, $5 }' "$W/all" | sort -k1,1 -k2,2 -k3,3n | awk '{ k = $1 " " $2; v[k] = v[k] " " $3; n[k]++ } END { for (k in v) { split(substr(v[k], 2), a, " "); printf "median %s %.2f\n", k, (n[k] % 2) ? a[(n[k] + 1) / 2] : (a[n[k] / 2] + a[n[k] / 2 + 1]) / 2 } }' | sort
