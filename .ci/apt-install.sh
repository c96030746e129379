# Sourced by the .ci/ensure-*.sh installers. apt_install [APT-GET OPTION...] PACKAGE...: installs
# Debian packages with apt-get (noninteractive, its output on stderr, after apt-get update: a fresh
# machine has no package lists); without root it says the command to run instead and exits 1.
apt_install() {
    local options=()
    while [[ $1 == -* ]]; do options+=("$1"); shift; done
    if [[ $(id -u) -ne 0 ]]; then
        echo "missing $*, and installing needs root: sudo apt-get install ${options[*]}${options:+ }$*" >&2
        exit 1
    fi
    echo "installing $* (apt-get) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${options[@]}" "$@" >&2
}
