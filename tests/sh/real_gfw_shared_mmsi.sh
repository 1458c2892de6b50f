#!/usr/bin/env bash
# Real recordings: two MMSIs broadcast by several hulls at once, from Global
# Fishing Watch's segmenter regression files (GlobalFishingWatch/pipe-segment
# tests, Apache-2.0; real AIS, January 2021): 567000000 (Gulf of Thailand,
# GFW's expected output gives it 671 segments in 10 days) and 666000001.
#
# The known answer, computed here from the positions alone: each file holds
# fixes less than 10 minutes apart and more than 50 km apart (an implied
# speed above 160 kn), so at least two transmitters share the number.  Each
# MMSI must come out as one `spoof` event of kind `shared_id` (one finding,
# one event), with at least two hulls.
#
# Each JSONL message (ssvid, timestamp, lat, lon, speed, course) is written
# as one ghosttrack NDJSON observation before `ingest`.
REAL_NAME="GFW shared MMSIs"
. "$(dirname "$0")/real_lib.bash"
D=$S/tracks/gfw_segmenter_regression
real_need "$D/regr_567000000.jsonl" "$D/regr_666000001.jsonl"

for m in 567000000 666000001; do
    far=$(python3 - "$D/regr_$m.jsonl" "$W/$m.ndjson" <<'PY'
import json, math, sys
from datetime import datetime
pts = []
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        r = json.loads(line)
        la, lo = r.get("lat"), r.get("lon")
        if la is None or lo is None or math.isnan(la) or math.isnan(lo):
            continue
        t = datetime.fromisoformat(r["timestamp"])
        o = {"id": "mmsi:%s" % r["ssvid"], "t": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "lat": la, "lon": lo}
        s, c = r.get("speed"), r.get("course")
        if s is not None and not math.isnan(s) and s < 102.3:
            o["speed_kn"] = s
        if c is not None and not math.isnan(c) and c < 360:
            o["course_deg"] = c
        out.write(json.dumps(o, separators=(",", ":")) + "\n")
        pts.append((t.timestamp(), math.radians(la), math.radians(lo)))
pts.sort()
far = 0
for i, a in enumerate(pts):
    for b in pts[i + 1:]:
        if b[0] - a[0] > 600:
            break
        x = math.sin(a[1]) * math.sin(b[1]) + math.cos(a[1]) * math.cos(b[1]) * math.cos(b[2] - a[2])
        far += 6371.0 * math.acos(max(-1.0, min(1.0, x))) > 50
print(far)
PY
)
    echo "# $m: $far pairs of fixes < 10 min and > 50 km apart"
    gt ingest -q --format ndjson --db "$W/$m.db" "$W/$m.ndjson"
    gt detect --db "$W/$m.db" > /dev/null 2>&1
    n=$(events "$W/$m.db" spoof | jq -s "[.[] | select(.subject == \"mmsi:$m\"
        and .detail.kind == \"shared_id\" and .detail.hulls >= 2)] | length")
    check "mmsi:$m, several hulls at once, is one shared_id event ($n)" '[ "$far" -gt 0 ] && [ "$n" = 1 ]'
done
