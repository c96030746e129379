#!/usr/bin/env bash
# What a Prometheus scrape of prometheus= costs the scraped JVM: CPU per scrape (median of
# alternating rounds, two JVMs side by side) and bytes per scrape in each format.
# Usage: bench/scrape-cost.sh [JAVA] [rounds] [seconds]
exec "$(dirname "${BASH_SOURCE[0]}")/with-agent.sh" ScrapeCost 4 30 "$@"
