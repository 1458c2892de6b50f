#!/usr/bin/env bash
# A UTF-8 byte-order mark at the start of an input is not content (issue
# #15, item 5): MarineCadastre/DMA CSV and the JSON importers with a BOM
# store exactly what they store without one.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - byte-order mark (sqlite3 missing)"; exit 0; }
D=$GT_ROOT/tests/data/ingest
BOM=$(printf '\357\273\277')

{ echo "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo"
  echo "477307901,2017-12-01T00:00:01,31.90512,-76.32652,0.0,131.0,352.0,FIRST,IMO9739666,VRPJ6,1004,underway using engines,337,,,"
  echo "477307901,2017-12-01T00:01:01,31.90612,-76.32552,0.0,131.0,352.0,FIRST,IMO9739666,VRPJ6,1004,underway using engines,337,,,"
  echo "367000001,2017-12-01T00:02:01,30.00000,-80.00000,5.0,90.0,90.0,SECOND,,,70,,50,,,"; } > "$T/mc.csv"
cp "$D/aircraft.json" "$T/aircraft.json"
cp "$D/trace_full_abc123.json" "$T/trace_full_abc123.json"
cp "$D/fr24_playback.json" "$T/fr24_playback.json"
head -n 20 "$D/evil.ndjson" > "$T/x.ndjson"
for f in mc.csv aircraft.json trace_full_abc123.json fr24_playback.json x.ndjson; do
    timeout -k 5 20 "$GT_BIN" ingest -q --db "$T/plain-$f.db" "$T/$f" 2>/dev/null
    want=$(sqlite3 "$T/plain-$f.db" "SELECT count(*) FROM pos")
    mkdir -p "$T/bom"
    { printf '%s' "$BOM"; cat "$T/$f"; } > "$T/bom/$f"
    timeout -k 5 20 "$GT_BIN" ingest --db "$T/bom-$f.db" "$T/bom/$f" 2> "$T/err-$f"
    rc=$?
    got=$(sqlite3 "$T/bom-$f.db" "SELECT count(*) FROM pos")
    fmt=$(sqlite3 "$T/bom-$f.db" "SELECT format FROM inputs")
    check "$f with a BOM: exit 0" '[ $rc -eq 0 ]'
    check "$f with a BOM: read as $(sqlite3 "$T/plain-$f.db" "SELECT format FROM inputs") ($fmt)" \
        '[ "$fmt" = "$(sqlite3 "$T/plain-$f.db" "SELECT format FROM inputs")" ]'
    check "$f with a BOM: the same $want positions stored ($got)" '[ "$want" -gt 0 ] && [ "$got" = "$want" ]'
done
