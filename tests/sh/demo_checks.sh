#!/usr/bin/env bash
# The demo end to end. With the same seed, `ghosttrack demo` gives identical events (same ids, same
# content) and a byte-identical report; a different seed gives other data.
# Each run works in its own folder under the same relative name, as a person
# re-running the README's command would.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # $1 = folder, $2 = seed
    mkdir -p "$tmp/$1"
    (cd "$tmp/$1" && "$GT_BIN" demo --out demo --seed "$2" > demo.out 2> demo.err)
}
if ! run a 1 || ! run b 1 || ! run c 2; then
    echo "# demo failed: $(tail -3 "$tmp"/*/demo.err)"
    echo "not ok - demo runs"
    exit 0
fi
echo "ok - demo runs three times"
for d in a b c; do
    "$GT_BIN" events --db "$tmp/$d/demo/ghosttrack.db" > "$tmp/$d/events.ndjson" 2>/dev/null
done
n=$(wc -l < "$tmp/a/events.ndjson")
if [ "$n" -gt 0 ] && cmp -s "$tmp/a/events.ndjson" "$tmp/b/events.ndjson"; then
    echo "ok - same seed, identical events ($n, same ids)"
else
    echo "# $(diff "$tmp/a/events.ndjson" "$tmp/b/events.ndjson" | head -5)"
    echo "not ok - same seed, identical events"
fi
if cmp -s "$tmp/a/demo/report.html" "$tmp/b/demo/report.html"; then
    echo "ok - same seed, byte-identical report"
else
    echo "not ok - same seed, byte-identical report"
fi
if cmp -s "$tmp/a/demo.out" "$tmp/b/demo.out"; then
    echo "ok - same seed, identical demo output"
else
    echo "not ok - same seed, identical demo output"
fi
if cmp -s "$tmp/a/demo/data/ais.nmea" "$tmp/c/demo/data/ais.nmea"; then
    echo "not ok - another seed gives other data"
else
    echo "ok - another seed gives other data"
fi
# The scenario plants a vessel named </script><img src=x onerror=alert(1)>
# (MarineCadastre VesselName): its KML must be well-formed and carry the name
# only as escaped text.
mmsi=$(grep -m1 'onerror' "$tmp/a/demo/data/marinecadastre.csv" | cut -d, -f1)
kml="$tmp/a/hostile.kml"
if [ -n "$mmsi" ] && "$GT_BIN" track --db "$tmp/a/demo/ghosttrack.db" "mmsi:$mmsi" --format kml > "$kml" &&
    grep -q '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' "$kml" && ! grep -q '<script\|<img' "$kml"; then
    echo "ok - hostile vessel name escaped in KML"
else
    echo "not ok - hostile vessel name escaped in KML"
fi
if command -v xmllint > /dev/null; then
    if xmllint --noout "$kml" 2> /dev/null; then
        echo "ok - hostile KML is well-formed XML"
    else
        echo "not ok - hostile KML is well-formed XML"
    fi
else
    echo "skip - xmllint not installed"
fi
