#!/usr/bin/env bash
# Installs Debian's prometheus server for the fleet test (agent PrometheusScrapeIT), only when
# missing; without its recommends (node exporter) and without starting its service: the test
# starts its own servers on 127.0.0.1 with a temporary config and data directory. On a fresh
# machine this runs apt-get update and needs root. Prints the server's path on success; on
# failure says why and exits non-zero.
set -euo pipefail
server=/usr/bin/prometheus
if [[ ! -x "$server" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "missing prometheus, and installing needs root: sudo apt-get install --no-install-recommends prometheus" >&2
        exit 1
    fi
    echo "installing prometheus (apt-get) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d 101: the package's service is not started (a container has no init to run it anyway)
    policy=/usr/sbin/policy-rc.d
    restore=
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && restore=1
    fi
    apt-get install -y -qq --no-install-recommends prometheus >&2 || { [[ -n "$restore" ]] && rm -f "$policy"; exit 1; }
    [[ -n "$restore" ]] && rm -f "$policy"
fi
[[ -x "$server" ]] || { echo "apt-get ran but $server is still missing" >&2; exit 1; }
echo "$server"
