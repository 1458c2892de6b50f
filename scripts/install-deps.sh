#!/bin/sh
# Install everything ghosttrack needs to build and test, from Debian packages only.
# Idempotent: packages already present are not fetched again, and apt-get update
# runs only when something is missing.
set -eu

PKGS="build-essential make pkg-config clang llvm libclang-rt-14-dev
libsqlite3-dev sqlite3 zlib1g-dev libjansson-dev
valgrind clang-format clang-tidy cppcheck bear
gpsd-clients libxml2-utils jq time"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
