#!/usr/bin/env bash
# Installs Debian's chromium (and a font, where the machine has none) for the report's browser
# test (cli ReportInBrowserTest), only when missing. On a fresh machine this runs apt-get update
# and needs root. Prints the browser's path on success; on failure says why and exits non-zero.
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"
browser=/usr/bin/chromium
need=()
[[ -x "$browser" ]] || need+=(chromium)
{ command -v fc-list >/dev/null && [[ -n "$(fc-list 2>/dev/null)" ]]; } || need+=(fonts-dejavu-core)
((${#need[@]} == 0)) || apt_install "${need[@]}"
[[ -x "$browser" ]] || { echo "apt-get ran but $browser is still missing" >&2; exit 1; }
echo "$browser"
