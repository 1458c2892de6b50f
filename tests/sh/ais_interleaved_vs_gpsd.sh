#!/usr/bin/env bash
# Two different type-5 messages interleaved on one channel (A1 B1 A2 B2,
# sequence ids 1 and 2, from tests/golden/ais_ndjson/input.nmea): ghosttrack
# decodes both; gpsdecode keeps one context per channel and decodes neither
# (it reports "invalid fragment").  The gpsd half skips when gpsdecode is
# absent.
set -u
in=$(sed -n '11,14p' "$GT_ROOT/tests/golden/ais_ndjson/input.nmea" | tr -d '\r')
got=$(printf '%s\n' "$in" | "$GT_BIN" decode --gpsd - 2>/dev/null |
    grep -c -e '"mmsi":351759000,.*"shipname":"EVER DIADEM"' -e '"mmsi":566206000,.*"shipname":"VALE CHINA"')
if [ "$got" = 2 ]; then
    echo "ok - ais interleaved type 5: both decode"
else
    echo "not ok - ais interleaved type 5: both decode (got $got)"
fi
if ! command -v gpsdecode > /dev/null; then
    echo "skip - ais interleaved type 5 in gpsdecode (not installed)"
    exit 0
fi
g=$(printf '%s\n' "$in" | gpsdecode -j 2>/dev/null |
    grep -c -e '"shipname":"EVER DIADEM"' -e '"shipname":"VALE CHINA"')
if [ "$g" = 0 ]; then
    echo "ok - ais interleaved type 5: gpsdecode loses both (as documented)"
else
    echo "not ok - ais interleaved type 5: gpsdecode decoded $g (docs/AIS.md says 0)"
fi
