#!/usr/bin/env bash
# Stop 25: the advice's own CPU on H2 over TCP at steady state, two builds of the agent side by side.
# Each round runs H2Workload (2 clients, 20 s warm-up, 10 s measured) under -javaagent:JAR=jfr=FILE for each
# build, alternating, order flipped each round; at 23 s async-profiler is loaded into it for 7 s
# (event=cpu, interval=97us). Prints samples per 1,000 statements by where they fell
# (bench/results/issue14-h2-tcp-profdiff.py), one column per run.
# Usage: bench/results/issue14-h2-tcp-advice-samples.sh libasyncProfiler.so BENCHMARKS_JAR ROUNDS NAME=AGENT_JAR...
# (run under flock -x)
set -u
P=$(realpath "$1"); B=$(realpath "$2"); rounds=$3; shift 3
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
W=$(mktemp -d /tmp/lwp4j-samples.XXXX); trap 'rm -rf "$W"' EXIT
here=$(dirname "$(realpath "$0")")
configs=("$@"); reversed=(); for ((k = ${#configs[@]} - 1; k >= 0; k--)); do reversed+=("${configs[k]}"); done
args=()
for ((i = 1; i <= rounds; i++)); do
  order=("${configs[@]}"); if ((i % 2 == 0)); then order=("${reversed[@]}"); fi
  for c in "${order[@]}"; do
    name=${c%%=*}; jar=$(realpath "${c#*=}"); d=$(mktemp -d "$W/$name.XXXX")
    "$J/java" --enable-native-access=ALL-UNNAMED -Xmx512m -XX:+EnableDynamicAgentLoading -javaagent:"$jar"=jfr=$d/r.jfr \
      -cp "$B" io.lwp4j.bench.H2Workload "$d/db" tcp 2 20 10 > "$d/out" 2>&1 &
    pid=$!
    sleep 23
    "$J/jcmd" $pid JVMTI.agent_load "$P" "\"start,event=cpu,interval=97us,file=$W/$name-$i.collapsed,collapsed,timeout=7\"" > /dev/null
    wait $pid
    ops=$(grep -o 'ops_per_s=[0-9]*' "$d/out" | cut -d= -f2)
    echo "round $i $name ops_per_s=$ops"
    args+=("$W/$name-$i.collapsed=$ops")
    rm -rf "$d"
  done
done
python3 "$here/issue14-h2-tcp-profdiff.py" "${args[@]}"
