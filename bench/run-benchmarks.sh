#!/usr/bin/env bash
# Runs every lwp4j benchmark and prints each table; BENCHMARKS.md records the latest.
# Usage: ./lwp4j bench   (or bench/run-benchmarks.sh /path/to/jdk22+/bin/java)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${1:?usage: run-benchmarks.sh JAVA}
shift || true
cd "$root"
if [[ ! -e bench/target/benchmarks.jar || ! -e native/target/bench/ring_bench \
      || ! -e native/target/bench/syscall_bench ]]; then
    mvn -B -q -DskipTests -pl bench -am package
fi
jmh() { "$JAVA" -jar bench/target/benchmarks.jar "$@" 2>&1 | sed -n '/^Benchmark /,$p'; }

echo "== Ring buffer (issue 2): C append, Java append, raw poll =="
native/target/bench/ring_bench 50000000
jmh RingBufferBenchmark

echo "== Syscall path (seed 004) and code loading (seed 001), issue 4 =="
native/target/bench/syscall_bench
