#!/usr/bin/env bash
# Differential test against Debian's gpsdecode on 6,000 pseudo-random
# messages of every type and decoded DAC/FID subtype (tests/sh/ais_random.py,
# fixed seeds): the same messages must be accepted, and >= 99 % of
# gpsdecode's lines must be reproduced byte for byte by `decode --gpsd`
# (scaled and unscaled).  The rest are gpsd defects listed in docs/AIS.md
# (invalid JSON from raw quotes and a missing comma, an unsigned wrap in
# FID 31 water level, type 21 names past 360 bits).  Skips without gpsdecode
# or python3.
set -u
if ! command -v gpsdecode > /dev/null || ! command -v python3 > /dev/null; then
    echo "skip - ais random differential vs gpsdecode (needs gpsdecode and python3)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for seed in 7 8; do
    python3 "$GT_ROOT/tests/sh/ais_random.py" $seed "$tmp/r.nmea"
    for u in "" "--unscaled"; do
        gpsdecode ${u:+-u} -j < "$tmp/r.nmea" 2>/dev/null | sort > "$tmp/g"
        "$GT_BIN" decode --gpsd $u "$tmp/r.nmea" 2>/dev/null | sort > "$tmp/m"
        total=$(wc -l < "$tmp/g")
        mine=$(wc -l < "$tmp/m")
        missing=$(comm -23 "$tmp/g" "$tmp/m" | wc -l)
        name="ais random differential seed $seed ${u:-scaled}"
        echo "# $name: gpsdecode $total, ghosttrack $mine, $missing not reproduced"
        if [ "$total" -gt 2000 ] && [ "$total" = "$mine" ] &&
            awk -v t="$total" -v m="$missing" 'BEGIN{exit !((t - m) / t >= 0.99)}'; then
            echo "ok - $name"
        else
            echo "not ok - $name"
        fi
    done
done
