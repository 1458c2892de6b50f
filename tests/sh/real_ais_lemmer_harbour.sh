#!/usr/bin/env bash
# Real recording: gpsd's daemon regression log ais-nmea.log (gpsd 3.22,
# BSD-2), one receiver on 2020-04-07 21:39-21:42Z: its own $GPRMC fixes put
# it at 52 50.537'N 5 42.349'E, in Lemmer (Friesland, the Netherlands), a
# harbour town on the shore of the IJsselmeer.  The 30 vessels it hears lie
# within 3 km of it (52.838-52.858N, 5.678-5.713E), almost all at 0-0.2 kn:
# boats moored in Lemmer's harbours and the Prinses Margrietkanaal, or on
# the IJsselmeer itself.
#
# The known answer, from the receiver's own GPS and the map: every position
# is in a harbour, canal or lake within 2 nm of open water, so none is an
# `on_land` spoof (issue #13, items 1 and 2: berths, canals and inland water
# are water).  gpsdecode reproduces gpsd's expected decode of this log
# (tests/sh/ais_gpsd_conformance.sh), so the positions themselves are right.
REAL_NAME="Lemmer harbour (gpsd ais-nmea.log)"
. "$(dirname "$0")/real_lib.bash"
F=$S/ais/gpsd/ais-nmea.log
real_need "$F"

rx=$(awk -F, '/^\$GPRMC/ && $3 == "A" {print $4 $5, $6 $7; exit}' "$F")
echo "# receiver's own fix: $rx"
gt ingest -q --db "$W/l.db" "$F"
check "ingest exits 0" '[ $? -eq 0 ]'
gt detect --db "$W/l.db" > /dev/null 2>&1
check "detect exits 0" '[ $? -eq 0 ]'
events "$W/l.db" spoof > "$W/spoof.ndjson"
jq -r 'select(.detail.kind == "on_land") | "# \(.subject) on_land, \(.detail.inland_nm) nm inland at \(.lat),\(.lon)"' \
    "$W/spoof.ndjson" | head -5
n=$(jq -s '[.[] | select(.detail.kind == "on_land")] | length' "$W/spoof.ndjson")
check "no on_land spoof for boats in Lemmer's harbours ($n)" '[ "$n" = 0 ]'
ntracks=$(gt export --db "$W/l.db" -f ndjson 2> /dev/null | jq -r '.id // .subject // empty' | sort -u | wc -l)
check "the 30 vessels are stored ($ntracks)" '[ "$ntracks" -ge 30 ]'
