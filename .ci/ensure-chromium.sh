#!/usr/bin/env bash
# Installs Debian's chromium (and a font, where the machine has none) for the report's browser
# test (cli ReportInBrowserTest), only when missing. On a fresh machine this runs apt-get update
# and needs root. Prints the browser's path on success; on failure says why and exits non-zero.
set -euo pipefail
browser=/usr/bin/chromium
need=()
[[ -x "$browser" ]] || need+=(chromium)
{ command -v fc-list >/dev/null && [[ -n "$(fc-list 2>/dev/null)" ]]; } || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "missing ${need[*]}, and installing needs root: sudo apt-get install ${need[*]}" >&2
        exit 1
    fi
    echo "installing ${need[*]} (apt-get) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need[@]}" >&2
fi
[[ -x "$browser" ]] || { echo "apt-get ran but $browser is still missing" >&2; exit 1; }
echo "$browser"
