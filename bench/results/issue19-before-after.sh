#!/usr/bin/env bash
# ref19: main (BASE) against ref19 (NEW), alternating builds: ring (C and Java), drain throughput, agent overhead.
set -u
BASE=/tmp/ref19-base; NEW=/work/wt-ref19
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
ring() { echo "### ring $1"; (cd $2 && native/target/bench/ring_bench 50000000 2>&1 | head -8;
  $J --sun-misc-unsafe-memory-access=allow -jar bench/target/benchmarks.jar RingBufferBenchmark 2>&1 | sed -n '/^Benchmark /,$p'); }
drain() { echo "### drain $1"; (cd $2 && $J --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.lwp4j.bench.DrainPipelineBenchmark --only=throughput --rounds=5 2>&1 | tail -12); }
agent() { echo "### agent $1"; (cd $2 && $J --sun-misc-unsafe-memory-access=allow -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentOverhead agent/target/lwp4j-agent.jar 1 2>&1 | tail -25); }
uptime
ring base $BASE; ring new $NEW; ring new $NEW; ring base $BASE
drain base $BASE; drain new $NEW; drain new $NEW; drain base $BASE
agent base $BASE; agent new $NEW
uptime
