#!/usr/bin/env bash
# Startup and footprint of the agent, whole process: Hello, the demo's JIT runtime and H2
# embedded started then stopped, without and with -javaagent:lwp4j-agent.jar (defaults),
# alternating, medians of N runs (default 5): wall, CPU, peak RSS (/usr/bin/time -v) and the
# heap still live after start. Hello also runs with an empty agent: the floor of any -javaagent.
# Usage: bench/startup-footprint.sh [JAVA] [runs] [Hello|JIT|H2] [earlier-lwp4j-agent.jar]
# (an earlier agent jar runs in the same rounds, to compare two builds side by side)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${1:-$("$root/lwp4j" java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java}
cd "$root"
if [[ ! -e bench/target/classes/io/lwp4j/bench/startup/Hello.class || ! -e agent/target/lwp4j-agent.jar \
        || ! -e demo/target/lwp4j-demo.jar ]]; then
    mvn -B -q -DskipTests -pl bench,demo -am package
fi
h2_version=$(sed -n 's:.*<h2.version>\(.*\)</h2.version>.*:\1:p' pom.xml)
h2_jar=${M2_REPO:-$HOME/.m2/repository}/com/h2database/h2/$h2_version/h2-$h2_version.jar
[[ -e $h2_jar ]] || mvn -B -q dependency:get -Dartifact=com.h2database:h2:"$h2_version" -Dtransitive=false
exec "$JAVA" -cp bench/target/classes io.lwp4j.bench.startup.StartupFootprint "$JAVA" agent/target/lwp4j-agent.jar \
    bench/target/classes "$h2_jar" demo/target/lwp4j-demo.jar "${2:-5}" "${3:-}" "${4:-}"
