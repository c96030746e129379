#!/usr/bin/env bash
# Installs Debian's chromium when /usr/bin/chromium is missing; the report's browser test
# (cli ReportInBrowserTest) calls it. Needs root on a fresh machine: apt-get update takes
# a minute or two there. Prints the browser's path on success.
set -euo pipefail
browser=/usr/bin/chromium
if [[ ! -x "$browser" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "chromium is missing and installing it needs root: apt-get install chromium" >&2
        exit 1
    fi
    echo "installing chromium (apt-get) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends chromium >&2
fi
[[ -x "$browser" ]] || { echo "apt-get ran but $browser is still missing" >&2; exit 1; }
echo "$browser"
