#!/usr/bin/env bash
# Runs every lwp4j benchmark and prints each table; BENCHMARKS.md records the latest.
# Usage: ./lwp4j bench   (or bench/run-benchmarks.sh /path/to/jdk22+/bin/java)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${1:?usage: run-benchmarks.sh JAVA}
shift || true
cd "$root"
if [[ ! -e bench/target/benchmarks.jar || ! -e agent/target/lwp4j-agent.jar || ! -e native/target/bench/ring_bench \
      || ! -e native/target/bench/syscall_bench \
      || ! -e sampler/target/test-classes/io/lwp4j/sampler/tracking/SyncFaultBench.class ]]; then
    mvn -B -q -DskipTests -pl bench -am package
fi
jmh() { "$JAVA" -jar bench/target/benchmarks.jar "$@" 2>&1 | sed -n '/^Benchmark /,$p'; }
quiet=()   # JMH's use of sun.misc.Unsafe is warned about from JDK 24 on
"$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && quiet=(--sun-misc-unsafe-memory-access=allow)
section() { (( SECONDS > 0 )) && echo "(took ${SECONDS} s)"; SECONDS=0; echo; echo "== $* =="; }
total=$(date +%s)

section "Ring buffer (issue 2): C append, Java append, raw poll"
native/target/bench/ring_bench 50000000
jmh RingBufferBenchmark

section "Write faults (issue 3): per-step table beside seed 000; lwp4j's sync path from Java"
native/target/bench/fault_bench
"$JAVA" --enable-native-access=ALL-UNNAMED \
    -cp sampler/target/test-classes:sampler/target/classes:native/target/classes \
    io.lwp4j.sampler.tracking.SyncFaultBench

section "Syscall path (seed 004) and code loading (seed 001), issue 4"
native/target/bench/syscall_bench

section "Drain pipeline into JFR (seed 002), issue 5"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.lwp4j.bench.DrainPipelineBenchmark --seconds=10

section "Agent overhead (issue 14): cost per I/O call (JMH: without, the JDK's I/O timing and events, lwp4j counts and records) and its pieces"
"$JAVA" "${quiet[@]}" -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentOverhead agent/target/lwp4j-agent.jar
jmh 'AdvicePathBenchmark|TimestampBenchmark'

section "A real application (issue 14): H2 without anything, with the JDK's recording alone, with the agent alone and with its recording"
bench/agent-throughput.sh "$JAVA" 3 5

section "Startup and footprint (issue 16): Hello, the JIT demo, H2 started then stopped, with and without the agent"
bench/startup-footprint.sh "$JAVA" 5
echo "(took ${SECONDS} s)"
echo "every table in $(( $(date +%s) - total )) s"
