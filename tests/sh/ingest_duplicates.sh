#!/usr/bin/env bash
# Duplicates across receivers (issue #14 item 4): the same AIS message heard
# by two stations, or the same Beast frame from two receivers, is stored
# once per position; every receiver is in its receiver set (pos_rx) and the
# copies are counted as duplicates in the ingest summary.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - duplicates across receivers (sqlite3 missing)"; exit 0; }
D=$GT_ROOT/tests/data/dup
q() { sqlite3 "$T/$1" "$2"; }

# 1. two stations (tag block s:) hear the same 6 AIS messages (c: the same)
"$GT_BIN" ingest --db "$T/a.db" "$D/ais_rxNorth.nmea" "$D/ais_rxSouth.nmea" > "$T/a.out" 2>&1
rc=$?
check "two stations: exit 0 ($rc)" '[ $rc -eq 0 ]'
check "two stations: 6 positions stored once each" '[ "$(q a.db "SELECT count(*) FROM pos")" = 6 ]'
check "two stations: the summary counts 6 duplicates" 'grep -q "6 duplicates ignored" "$T/a.out"'
check "two stations: every position heard by rxNorth and rxSouth" \
    '[ "$(q a.db "SELECT count(*) FROM pos p JOIN stations s ON s.id = p.misc >> 14
                  JOIN pos_rx r ON r.ident_id = p.ident_id AND r.t_ms = p.t_ms AND r.src = p.src
                  JOIN stations s2 ON s2.id = r.station_id
                  WHERE s.name = '"'"'rxNorth'"'"' AND s2.name = '"'"'rxSouth'"'"'")" = 6 ]'
check "two stations: each copy keeps its own record" \
    '[ "$(q a.db "SELECT count(DISTINCT dup_src >> 40) FROM pos_rx")" = 1 ] &&
     [ "$(q a.db "SELECT count(*) FROM pos_rx WHERE dup_src >> 40 = (SELECT id FROM inputs WHERE name LIKE '"'"'%rxSouth%'"'"')")" = 6 ]'

# 2. the same in one file (both stations interleaved): the same answer
cat "$D/ais_rxNorth.nmea" "$D/ais_rxSouth.nmea" > "$T/both.nmea"
"$GT_BIN" ingest -q --db "$T/b.db" "$T/both.nmea"
check "one file, two stations: 6 positions, 6 receivers recorded" \
    '[ "$(q b.db "SELECT count(*) FROM pos")" = 6 ] && [ "$(q b.db "SELECT count(DISTINCT station_id) || count(*) FROM pos_rx")" = 16 ]'

# 3. --force re-ingest of the second station keeps the positions, once
"$GT_BIN" ingest -q --force --db "$T/a.db" "$D/ais_rxSouth.nmea"
check "re-ingest with --force: still 6 positions and 6 copies" \
    '[ "$(q a.db "SELECT count(*) FROM pos")" = 6 ] && [ "$(q a.db "SELECT count(*) FROM pos_rx")" = 6 ]'

# 4. a real Beast capture heard by a second receiver (same frames, its own
#    signal levels), when the shared data is there
B=${GT_SHARED:-$GT_ROOT/../shared/data}/modes/samples/traffic_sample_dump1090.beast
if [ -r "$B" ] && command -v python3 > /dev/null; then
    python3 - "$B" "$T/rx2.beast" <<'PY'
import sys
src = open(sys.argv[1], 'rb').read()
out = bytearray()
i = 0
lens = {0x31: 2, 0x32: 7, 0x33: 14}
while i < len(src):
    if src[i] != 0x1a or i + 1 >= len(src) or src[i + 1] not in lens:
        out.append(src[i]); i += 1; continue
    out += src[i:i + 2]; i += 2
    body = bytearray()
    need = 6 + 1 + lens[src[i - 1]]
    while len(body) < need and i < len(src):
        if src[i] == 0x1a and i + 1 < len(src) and src[i + 1] == 0x1a:
            body.append(0x1a); i += 2
        else:
            body.append(src[i]); i += 1
    if len(body) == need:
        body[6] = (body[6] + 1) & 0xff or 1  # the other receiver's signal level
        if body[6] == 0x1a:
            body[6] = 0x1b
    out += bytes(body).replace(b'\x1a', b'\x1a\x1a')
open(sys.argv[2], 'wb').write(out)
PY
    "$GT_BIN" ingest --db "$T/m.db" --start-time 2018-04-03 --station rxOne "$B" > "$T/m1.out" 2>&1
    n1=$(q m.db "SELECT count(*) FROM pos")
    "$GT_BIN" ingest --db "$T/m.db" --start-time 2018-04-03 --station rxTwo "$T/rx2.beast" > "$T/m2.out" 2>&1
    n2=$(q m.db "SELECT count(*) FROM pos")
    check "beast from two receivers: $n1 positions, none added by the second ($n2)" \
        '[ "$n1" -gt 0 ] && [ "$n2" = "$n1" ]'
    check "beast from two receivers: every position heard by rxTwo too" \
        '[ "$(q m.db "SELECT count(*) FROM pos_rx r JOIN stations s ON s.id = r.station_id WHERE s.name = '"'"'rxTwo'"'"'")" = "$n1" ]'
    check "beast from two receivers: the second run counts them as duplicates" \
        'grep -q "$n1 duplicates ignored" "$T/m2.out"'
else
    echo "skip - beast from two receivers (../shared/data or python3 absent)"
fi
