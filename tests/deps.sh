#!/bin/sh
# tests/deps.sh: makes sure the Debian packages the build and the tests
# need are present. As root it installs what is missing; otherwise it
# prints the exact apt-get command and stops.
PKGS="make gcc clang re2c lemon libxlsxwriter-dev pkg-config python3 python3-openpyxl
      libreoffice-calc-nogui python3-uno poppler-utils groff-base man-db bsdutils"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q > /dev/null && apt-get install -y -q $missing > /dev/null ||
        { echo "apt-get install failed" >&2; exit 2; }
else
    echo "missing packages:$missing" >&2
    echo "run: sudo apt-get install -y$missing" >&2
    exit 2
fi
