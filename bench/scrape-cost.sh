#!/usr/bin/env bash
# What a Prometheus scrape of prometheus= costs the scraped JVM: CPU per scrape (median of
# alternating rounds, two JVMs side by side) and bytes per scrape in each format.
# Usage: bench/scrape-cost.sh [JAVA] [rounds] [seconds]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${1:-$("$root/lwp4j" java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java}
cd "$root"
if [[ ! -e bench/target/benchmarks.jar || ! -e agent/target/lwp4j-agent.jar ]]; then
    mvn -B -q -DskipTests -pl bench -am package
fi
exec "$JAVA" -cp bench/target/benchmarks.jar io.lwp4j.bench.ScrapeCost agent/target/lwp4j-agent.jar "${2:-4}" "${3:-30}"
