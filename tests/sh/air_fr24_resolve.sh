#!/usr/bin/env bash
# A Flightradar24 CSV named as the site names its downloads
# (<CALLSIGN>_<flight id>.csv, no ICAO address anywhere) is stored, not
# rejected, and `detect` gives it the address of the aircraft OpenSky heard
# under that callsign at the same time and place, whichever was ingested
# first; a flight OpenSky shows and FR24 does not is one source_diff.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
for tool in jq bc; do
    command -v $tool >/dev/null || { echo "skip - fr24 resolve (no $tool)"; exit 0; }
done

mkdir -p "$T/fr24"
# one hour east-bound along 10N at 6 degrees an hour, 15 s apart in FR24,
# 10 s in OpenSky; a second aircraft (0c683c) only OpenSky shows
{
    echo "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction"
    for i in $(seq 0 240); do
        t=$((1550497344 + i * 15))
        printf '%d,%s,BWA580,"10.000000,%.6f",35000,340,90\n' "$t" \
            "$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ)" "$(echo "-70 + $i * 15 / 600" | bc -l)"
    done
} > "$T/fr24/BWA580_7a8dd3c3.csv"
{
    echo "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"
    for i in $(seq 0 360); do
        t=$((1550497344 + i * 10))
        lon=$(echo "-70 + $i * 10 / 600" | bc -l)
        printf '%d,0c683b,10.01,%.6f,175,90,0,BWA580  ,false,false,false,1200,10668,10668,%d,%d\n' "$t" "$lon" "$t" "$t"
        printf '%d,0c683c,10.01,%.6f,175,90,0,BWA581  ,false,false,false,1200,10668,10668,%d,%d\n' "$t" "$lon" "$t" "$t"
    done
} > "$T/opensky.csv"

for order in fr24-first opensky-first; do
    DB=$T/$order.db
    if [ $order = fr24-first ]; then
        "$GT_BIN" ingest -q --db "$DB" --source fr24 "$T/fr24" 2> "$T/err1"
        "$GT_BIN" ingest -q --db "$DB" --source opensky "$T/opensky.csv" 2>> "$T/err1"
    else
        "$GT_BIN" ingest -q --db "$DB" --source opensky "$T/opensky.csv" 2> "$T/err1"
        "$GT_BIN" ingest -q --db "$DB" --source fr24 "$T/fr24" 2>> "$T/err1"
    fi
    check "$order: no FR24 row rejected as no-subject" '! grep -q no-subject "$T/err1"'
    "$GT_BIN" detect --db "$DB" 2> "$T/err2" > /dev/null
    check "$order: detect resolves the file" 'grep -q "1 flights without an address (FR24 CSV): 1 resolved" "$T/err2"'
    "$GT_BIN" events --db "$DB" --format ndjson > "$T/ev.ndjson"
    n=$(jq -s '[.[] | select(.type == "source_diff")] | length' "$T/ev.ndjson")
    s=$(jq -r 'select(.type == "source_diff") | .subject' "$T/ev.ndjson")
    check "$order: one source_diff, for the aircraft FR24 lacks ($n, $s)" '[ "$n" = 1 ] && [ "$s" = "icao:0c683c" ]'
done
