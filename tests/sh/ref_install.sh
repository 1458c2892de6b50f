#!/usr/bin/env bash
# Reference data after `make install`: the installed binary finds
# PREFIX/share/ghosttrack next to itself, run from an empty folder with no
# environment variable; without the data `detect` fails with a message that
# names what is missing, and --no-reference runs without it.
set -u
BUILD=$(dirname "$GT_BIN")
BUILD=${BUILD#"$GT_ROOT"/}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
P=$tmp/prefix
if [ ! -f "$GT_ROOT/$BUILD/share/ghosttrack/land.bin" ]; then
    echo "skip - installed reference data (no land.bin: run scripts/install-deps.sh, make)"
    exit 0
fi
if make -s -C "$GT_ROOT" install BUILD="$BUILD" PREFIX="$P" > "$tmp/install.log" 2>&1; then
    echo "ok - make install PREFIX"
else
    tail -5 "$tmp/install.log" | sed 's/^/# /'
    echo "not ok - make install PREFIX"
    exit 0
fi
missing=""
for f in wpi_ports.csv airports.csv land.bin; do
    [ -s "$P/share/ghosttrack/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then
    echo "ok - install puts the reference data in share/ghosttrack"
else
    echo "# missing:$missing"
    echo "not ok - install puts the reference data in share/ghosttrack"
fi
mkdir "$tmp/empty"
cd "$tmp/empty" || exit 1
G=(env -i PATH=/usr/bin:/bin "$P/bin/ghosttrack")
"${G[@]}" ingest --db t.db "$GT_ROOT/tests/golden/ais_ndjson/input.nmea" > /dev/null 2>&1
if "${G[@]}" detect --db t.db > out.txt 2> err.txt && ! grep -q "missing\|warning" err.txt; then
    echo "ok - installed detect finds its data from an empty folder"
else
    sed 's/^/# /' err.txt
    echo "not ok - installed detect finds its data from an empty folder"
fi
mv "$P/share/ghosttrack" "$P/share/moved"
"${G[@]}" detect --db t.db > out.txt 2> err.txt
rc=$?
if [ $rc -eq 1 ] && grep -q "reference data missing: land (land.bin)" err.txt &&
    grep -q -- "--no-reference" err.txt; then
    echo "ok - detect without reference data fails clearly"
else
    echo "# rc=$rc"; sed 's/^/# /' err.txt
    echo "not ok - detect without reference data fails clearly"
fi
if "${G[@]}" detect --db t.db --no-reference > out.txt 2> err.txt; then
    echo "ok - detect --no-reference runs without the data"
else
    sed 's/^/# /' err.txt
    echo "not ok - detect --no-reference runs without the data"
fi
