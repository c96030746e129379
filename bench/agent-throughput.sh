#!/usr/bin/env bash
# H2 (a database server from Maven Central, TCP + file storage) with and without the lwp4j
# agent, alternating, in one run; prints each round, the median throughputs and their ratios
# (agent / without, agent's recording / the JDK's recording alone: targets >= 0.97), CPU per
# statement, and what the agent recorded of H2's I/O.
# Usage: bench/agent-throughput.sh [JAVA] [rounds] [seconds]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${1:-$("$root/lwp4j" java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java}
cd "$root"
if [[ ! -e bench/target/benchmarks.jar || ! -e agent/target/lwp4j-agent.jar ]]; then
    mvn -B -q -DskipTests -pl bench -am package
fi
exec "$JAVA" -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentThroughput agent/target/lwp4j-agent.jar "${2:-5}" "${3:-10}"
