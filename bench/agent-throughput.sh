#!/usr/bin/env bash
# H2 (a database server from Maven Central, TCP + file storage) with and without the lwp4j
# agent, alternating, in one run; prints each round, the median throughputs and their ratios
# (agent / without, agent's recording / the JDK's recording alone: targets >= 0.97), CPU per
# statement, and what the agent recorded of H2's I/O.
# Usage: bench/agent-throughput.sh [JAVA] [rounds] [seconds]
exec "$(dirname "${BASH_SOURCE[0]}")/with-agent.sh" AgentThroughput 5 10 "$@"
