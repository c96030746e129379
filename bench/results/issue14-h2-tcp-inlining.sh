#!/usr/bin/env bash
# inline14: does the way C2 splits the socket path (BufferedInputStream.fill -> Socket$SocketInputStream.read
# -> NioSocketImpl.read -> implRead, and the write path) explain the agent recording's gap to the JDK recording
# on H2 over TCP? H2Workload (2 clients, WARMUP s of warm-up, SECONDS measured), alternating, order flipped each round:
#   jdk            -XX:StartFlightRecording
#   jdk-split      the same, with the splits C2 makes under the agent forced (dontinline)
#   agent          -javaagent:AGENT=jfr=FILE
#   agent-inline   the same, with the whole socket path and the advice's exit forced inline (as C2 did for jdk)
#   agent-nosys    the same, syscalls=off (no I/O advice at all)
# and, named after the seconds (the default is the five above), the split of stop 24:
#   without        nothing
#   advice         -javaagent:AGENT (its defaults: the I/O advice, no recording)
#   jdk+advice     -XX:StartFlightRecording and -javaagent:AGENT=jfr=off (the I/O advice, no record path)
#   agent-quiet    -javaagent:AGENT=jfr=FILE,canary=off,syscallprobe=off,codeloadprobe=off
#   other          -javaagent:OTHER=jfr=FILE, OTHER being the jar in $OTHER_AGENT (another build, same runs)
# and, for stop 25's split of the agent at its defaults:
#   advice-quiet   -javaagent:AGENT=canary=off,syscallprobe=off,codeloadprobe=off
#   advice-nosys   -javaagent:AGENT=syscalls=off
#   NAME=FLAGS     any other JVM flags (split on spaces), printed as NAME
# Prints each run and the medians (ops/s, us of CPU per statement) and their ratios to the first config.
# Usage: [WARMUP=s] bench/results/issue14-h2-tcp-inlining.sh AGENT_JAR BENCHMARKS_JAR [rounds] [seconds] [config...]
# (run under flock -x; WARMUP: H2Workload's warm-up, 8 s unless set; MODE: H2Workload's mode, tcp unless set)
set -u
A=$(realpath "$1"); B=$(realpath "$2"); rounds=${3:-5}; secs=${4:-12}; shift $(($# < 4 ? $# : 4))
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
W=$(mktemp -d /tmp/lwp4j-inlining.XXXX); trap 'rm -rf "$W"' EXIT
cc() { for m in "$@"; do printf -- '-XX:CompileCommand=%s ' "$m"; done; }
SPLIT=$(cc quiet 'dontinline,java.net.Socket$SocketInputStream::read' 'dontinline,sun.nio.ch.NioSocketImpl::implRead' \
  'dontinline,sun.nio.ch.NioSocketImpl::write')
INLINE=$(cc quiet 'inline,java.net.Socket$SocketInputStream::read' 'inline,java.net.Socket$SocketInputStream::implRead' \
  'inline,sun.nio.ch.NioSocketImpl$1::read' 'inline,sun.nio.ch.NioSocketImpl::read' 'inline,sun.nio.ch.NioSocketImpl::implRead' \
  'inline,java.net.Socket$SocketOutputStream::write' 'inline,java.net.Socket$SocketOutputStream::implWrite' \
  'inline,sun.nio.ch.NioSocketImpl::write' 'inline,sun.nio.ch.NioSocketImpl::implWrite' \
  'inline,io.lwp4j.agent.bootstrap.Hooks::ioEnd' 'inline,io.lwp4j.agent.SyscallRecorder::recordIo' \
  'inline,io.lwp4j.agent.SyscallRecorder::count')
run() {
  local d; d=$(mktemp -d "$W/${1%%=*}.XXXX"); local flags=()
  case $1 in
    jdk) flags=(-XX:StartFlightRecording:filename=$d/r.jfr -Xlog:jfr+startup=off) ;;
    jdk-split) flags=(-XX:StartFlightRecording:filename=$d/r.jfr -Xlog:jfr+startup=off $SPLIT) ;;
    agent) flags=(-javaagent:$A=jfr=$d/r.jfr) ;;
    agent-inline) flags=(-javaagent:$A=jfr=$d/r.jfr $INLINE) ;;
    agent-nosys) flags=(-javaagent:$A=jfr=$d/r.jfr,syscalls=off) ;;
    without) flags=() ;;
    advice) flags=(-javaagent:$A) ;;
    jdk+advice) flags=(-XX:StartFlightRecording:filename=$d/r.jfr -Xlog:jfr+startup=off -javaagent:$A=jfr=off) ;;
    agent-quiet) flags=(-javaagent:$A=jfr=$d/r.jfr,canary=off,syscallprobe=off,codeloadprobe=off) ;;
    other) flags=(-javaagent:$(realpath "$OTHER_AGENT")=jfr=$d/r.jfr) ;;
    advice-quiet) flags=(-javaagent:$A=canary=off,syscallprobe=off,codeloadprobe=off) ;;
    advice-nosys) flags=(-javaagent:$A=syscalls=off) ;;
    *=*) read -r -a flags <<< "${1#*=}" ;;
    *) echo "unknown config $1" >&2; exit 2 ;;
  esac
  echo "${1%%=*} $("$J" --enable-native-access=ALL-UNNAMED -Xmx512m "${flags[@]}" -cp "$B" io.lwp4j.bench.H2Workload "$d/db" "${MODE:-tcp}" 2 "${WARMUP:-8}" "$secs" 2>&1 | grep -o 'ops_per_s=.*')"
  rm -rf "$d"
}
configs=(jdk jdk-split agent agent-inline agent-nosys); if (($# > 0)); then configs=("$@"); fi
reversed=(); for ((k = ${#configs[@]} - 1; k >= 0; k--)); do reversed+=("${configs[k]}"); done
uptime
for ((i = 1; i <= rounds; i++)); do
  order=("${configs[@]}"); if ((i % 2 == 0)); then order=("${reversed[@]}"); fi
  for c in "${order[@]}"; do run "$c" | sed "s/^/round $i /" | tee -a "$W/all"; done
done
uptime
echo "medians of $rounds rounds: ops/s (/ ${configs[0]}), us of CPU per statement (/ ${configs[0]})"
for c in "${configs[@]%%=*}"; do
  ops=$(awk -v c="$c" '$3 == c { split($4, a, "="); print a[2] }' "$W/all" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  cpu=$(awk -v c="$c" '$3 == c { split($5, a, "="); print a[2] }' "$W/all" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  echo "$c $ops $cpu"
done | awk 'NR == 1 { o = $2; u = $3 } { printf "%-13s %9.0f (%.3f)  %6.2f (%.3f)\n", $1, $2, $2 / o, $3, $3 / u }'
