#!/usr/bin/env bash
# Installs Debian's prometheus server for the fleet test (agent PrometheusScrapeIT), only when
# missing; without its recommends (node exporter) and without starting its service: the test
# starts its own servers on 127.0.0.1 with a temporary config and data directory. On a fresh
# machine this runs apt-get update and needs root. Prints the server's path on success; on
# failure says why and exits non-zero.
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"
server=/usr/bin/prometheus
if [[ ! -x "$server" ]]; then
    # policy-rc.d 101: the package's service is not started (a container has no init to run it
    # anyway); ours goes when the script ends, whether the install worked or not
    policy=/usr/sbin/policy-rc.d
    if [[ $(id -u) -eq 0 && ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
        trap 'rm -f "$policy"' EXIT
    fi
    apt_install --no-install-recommends prometheus
fi
[[ -x "$server" ]] || { echo "apt-get ran but $server is still missing" >&2; exit 1; }
echo "$server"
