#!/usr/bin/env bash
# `watch FILE`: a growing AIS log followed like tail -F.  A quarter of the
# simulated log is there when watch starts, a quarter is appended, then the
# file is rotated (renamed, a new one started) with the third quarter; watch
# is stopped with SIGTERM, the last quarter appended while it is down, and
# watch started again resumes after what it had read.  The alerts must be
# exactly those of `watch --replay` of the whole log (same ids: an id does
# not depend on how the records arrived), none twice.
set -u
T=$(mktemp -d)
w=""
cleanup() {
    [ -n "$w" ] && kill -9 "$w" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
command -v python3 >/dev/null || { echo "skip - watch follows a file (python3 missing)"; exit 0; }
"$GT_BIN" simulate --scenario venezuela-2019 --out "$T/sim" >/dev/null 2>&1 ||
    { echo "not ok - simulate the scenario"; exit 0; }
printf '%s\n' 'mmsi:352001234 label="ORIENT STAR"' 'imo:9256781' 'mmsi:636018234' > "$T/wl"
n=$(wc -l < "$T/sim/ais.nmea")
q=$((n / 4))
# whole sentences only at the cuts: a two-part message must not be split
cut_at() { awk -v want="$1" 'NR >= want && /!AIVDM,(1,1|2,2),/ { print NR; exit }' "$T/sim/ais.nmea"; }
c1=$(cut_at $q); c2=$(cut_at $((2 * q))); c3=$(cut_at $((3 * q)))
part() { sed -n "$1,$2p" "$T/sim/ais.nmea"; }

"$GT_BIN" watch --db "$T/r.db" --watchlist "$T/wl" --replay "$T/sim/ais.nmea" > "$T/replay" 2>/dev/null

part 1 "$c1" > "$T/feed.nmea"
"$GT_BIN" watch --db "$T/f.db" --watchlist "$T/wl" "$T/feed.nmea" > "$T/out1" 2> "$T/err1" &
w=$!
sleep 1.5
part $((c1 + 1)) "$c2" >> "$T/feed.nmea"
sleep 1.5
mv "$T/feed.nmea" "$T/feed.nmea.1"
part $((c2 + 1)) "$c3" > "$T/feed.nmea"
sleep 2.5
kill -TERM "$w"
wait "$w"
rc=$?
w=""
[ "$rc" = 0 ] && echo "ok - watch of a file ends cleanly on SIGTERM" || { sed 's/^/# /' "$T/err1"; echo "not ok - watch of a file ends cleanly on SIGTERM (rc $rc)"; }
part $((c3 + 1)) "$n" >> "$T/feed.nmea"
"$GT_BIN" watch --db "$T/f.db" --watchlist "$T/wl" "$T/feed.nmea" > "$T/out2" 2> "$T/err2" &
w=$!
sleep 2.5
kill -TERM "$w"
wait "$w"
w=""
python3 - "$T/replay" "$T/out1" "$T/out2" <<'PY'
import json, sys
rep = [json.loads(l)['id'] for l in open(sys.argv[1])]
got = [json.loads(l)['id'] for f in sys.argv[2:] for l in open(f)]
def check(ok, what):
    print(('ok - ' if ok else 'not ok - ') + what)
check(len(rep) >= 5, 'the replay alerts (%d)' % len(rep))
check(len(got) == len(set(got)), 'following: no alert twice (%d)' % len(got))
check(sorted(got) == sorted(rep), 'following across rotation and a restart gives the replay\'s alerts')
PY
if command -v sqlite3 >/dev/null; then
    a=$(sqlite3 "$T/r.db" "SELECT count(*) FROM positions")
    b=$(sqlite3 "$T/f.db" "SELECT count(*) FROM positions")
    [ "$a" = "$b" ] && echo "ok - every position stored once, also those appended while it was down ($b)" ||
        echo "not ok - every position stored once, also those appended while it was down ($b, replay $a)"
fi

# --replay --speed N paces by data time: the first 30 minutes of the log at
# 1800 times real time take about a second, at --speed 0 much less
awk -F'c:' '{ split($2, a, "*"); if (a[1] - 1553126400 > 1800) exit; print }' "$T/sim/ais.nmea" > "$T/half.nmea"
s0=$(date +%s%N)
"$GT_BIN" watch -q --db "$T/s.db" --watchlist "$T/wl" --replay --speed 1800 "$T/half.nmea" > /dev/null 2>&1
s1=$(date +%s%N)
ms=$(( (s1 - s0) / 1000000 ))
[ "$ms" -ge 900 ] && [ "$ms" -le 6000 ] && echo "ok - --speed 1800 replays 30 data minutes in about a second (${ms} ms)" ||
    echo "not ok - --speed 1800 replays 30 data minutes in about a second (${ms} ms)"
