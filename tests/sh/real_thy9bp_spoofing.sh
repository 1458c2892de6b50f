#!/usr/bin/env bash
# Real recording: Turkish Airlines THY9BP (ICAO 4baac6), Istanbul towards
# Stockholm on 2024-09-17, OpenSky data published by the traffic library
# (xoolive/traffic, MIT) as its GNSS-spoofing sample noisy_spoofing.json.gz.
#
# The known answer, from the recording itself and independent of ghosttrack:
# from 09:24:25Z to 09:58:10Z every position lies near 49.66N 23.8E (Lviv,
# Ukraine, airspace closed since 2022) at FL380 with a ground speed of
# 50-68 kt, which no airliner at cruise can fly; the track then jumps 299 nm
# north-west in 626 s of position time (1,717 kt) to 53.6N 18.7E and goes
# on at 440 kt.  Before 09:06:18Z the track is continuous (230-487 kt) when
# each position is taken at its own time (`last_position`; the sample
# repeats the last position on a 1 s grid between updates).
#
# The file is pandas' column layout ({"col": {"row": value}}); it is turned
# into the traffic library's record layout (one object per row, same keys
# and values) before `ingest`.
REAL_NAME="THY9BP GNSS spoofing (traffic sample)"
. "$(dirname "$0")/real_lib.bash"
F=$S/tracks/traffic/noisy_noisy_spoofing.json.gz
real_need "$F"

python3 -c '
import gzip, json, sys
d = json.load(gzip.open(sys.argv[1]))
cols = list(d)
rows = sorted(d[cols[0]], key=int)
json.dump([{c: d[c].get(r) for c in cols} for r in rows], sys.stdout)
' "$F" > "$W/thy9bp.json"
gt ingest -q --db "$W/t.db" "$W/thy9bp.json"
check "ingest exits 0" '[ $? -eq 0 ]'
gt detect --db "$W/t.db" > /dev/null 2> "$W/detect.err"
check "detect exits 0" '[ $? -eq 0 ]'
events "$W/t.db" spoof > "$W/spoof.ndjson"
jq -r '"# \(.start) .. \(.end) \(.detail.kind) \(.detail.max_jump_km // "") km"' "$W/spoof.ndjson"

# The spoofed stretch is reported: a spoof event on the aircraft whose
# interval overlaps 09:24:25Z..09:58:11Z.
n=$(jq -s '[.[] | select(.subject == "icao:4baac6"
        and .start <= "2024-09-17T09:58:11Z" and .end >= "2024-09-17T09:24:25Z")] | length' \
    "$W/spoof.ndjson")
check "the spoofed stretch 09:24-09:58Z is reported as spoof ($n events)" '[ "$n" -ge 1 ]'
# ... and the exit jump of 299 nm (the return to the true position) is in it.
n=$(jq -s '[.[] | select(.subject == "icao:4baac6"
        and .start <= "2024-09-17T09:58:11Z" and .end >= "2024-09-17T09:58:10Z")] | length' \
    "$W/spoof.ndjson")
check "the 299 nm jump at 09:58:11Z is in a spoof event" '[ "$n" -ge 1 ]'
# Before 09:06:18Z the track is continuous at 230-487 kt in position time:
# the 1 s grid's repeated positions are not jumps.  (Fails while the
# traffic-json reader times each position by the row's `timestamp` instead
# of its `last_position`.)
n=$(jq -s '[.[] | select(.subject == "icao:4baac6" and .start < "2024-09-17T09:06:18Z")] | length' \
    "$W/spoof.ndjson")
check "no spoof before 09:06:18Z, where the track is continuous ($n events)" '[ "$n" = 0 ]'
# One finding, one event (issue #13, item 7): the whole spoofed stretch is one
# episode, so one event spans its first spoofed fix (09:24:25Z) and the jump
# back (09:58:11Z).
n=$(jq -s '[.[] | select(.subject == "icao:4baac6"
        and .start <= "2024-09-17T09:24:26Z" and .end >= "2024-09-17T09:58:10Z")] | length' \
    "$W/spoof.ndjson")
check "one event spans the spoofed stretch 09:24:25-09:58:11Z ($n)" '[ "$n" = 1 ]'
