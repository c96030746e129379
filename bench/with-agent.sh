#!/usr/bin/env bash
# Runs one of bench's plain-main benchmarks against the built agent jar (both built first when
# missing), with the JDK 25 of ./lwp4j unless a java is given.
# Usage: bench/with-agent.sh CLASS DEFAULT_ROUNDS DEFAULT_SECONDS [JAVA] [rounds] [seconds]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
main=io.lwp4j.bench.$1 rounds=$2 seconds=$3
shift 3
JAVA=${1:-$("$root/lwp4j" java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java}
cd "$root"
if [[ ! -e bench/target/benchmarks.jar || ! -e agent/target/lwp4j-agent.jar ]]; then
    mvn -B -q -DskipTests -pl bench -am package
fi
exec "$JAVA" -cp bench/target/benchmarks.jar "$main" agent/target/lwp4j-agent.jar "${2:-$rounds}" "${3:-$seconds}"
