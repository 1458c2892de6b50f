#!/usr/bin/env bash
# Crash safety of ingest: a mixed folder (NDJSON, OpenSky CSV, gzip, a
# duplicate file, truncated files, readsb JSON) is ingested while SIGKILL
# hits at random points, again and again; a final run completes the job.
# The database must equal an uninterrupted run: same counts and the same
# content checksums of positions, facts, inputs and rejects.
set -u
D=$GT_ROOT/tests/data/ingest
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
command -v sqlite3 >/dev/null || { echo "skip - kill -9 ingest (sqlite3 missing)"; exit 0; }

M=$T/mixed
mkdir -p "$M/sub"
cp "$D/trace_full_abc123.json" "$D/aircraft.json" "$D/evil.ndjson" "$M/"
cp "$D/evil.ndjson" "$M/sub/copy_of_evil.ndjson"           # duplicate content
awk 'BEGIN { for (i = 0; i < 40000; i++)
    printf "{\"id\":\"mmsi:%d\",\"lat\":%.6f,\"lon\":%.6f,\"t\":\"2020-01-01T%02d:%02d:%02dZ\"}\n",
        200000000 + i % 50, 50 + (i % 1000) / 1000.0, 5 + i / 40000.0, (i / 3600) % 24, (i / 60) % 60, i % 60 }' > "$M/big.ndjson"
{ echo "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"
  awk 'BEGIN { for (i = 0; i < 30000; i++)
    printf "%d,%06x,%.5f,%.5f,200,90,0,CS%d,false,false,false,1000,10000,10100,,\n",
        1600000000 + i, 4000000 + i % 30, 45 + (i % 500) / 1000.0, 7 + i / 30000.0, i % 30 }'
  echo "1600099999,zzzzzz,1,1,,,,,,,,,,,,"; } | gzip -c > "$M/states.csv.gz"
head -c 20000 "$M/big.ndjson" > "$M/truncated.ndjson"          # cut mid-line
gzip -c "$M/big.ndjson" | head -c 30000 > "$M/truncated.ndjson.gz" # cut mid-stream
head -c 300 "$D/trace_full_abc123.json" > "$M/trace_full_cut.json" # cut in its 2nd entry

dump() { # database -> canonical text of its content
    sqlite3 "$1" "
SELECT 'pos', i.kind, i.value, p.t_ms, p.lat, p.lon, p.misc, coalesce(p.alt,''), coalesce(p.spd,''), inp.name, p.pos
  FROM positions p JOIN identities i ON i.id = p.ident_id JOIN inputs inp ON inp.id = p.input_id
  ORDER BY 2, 3, 4, 10, 11;
SELECT 'fact', i.kind, i.value, f.field, f.value, f.first_ms, f.last_ms, f.count
  FROM facts f JOIN identities i ON i.id = f.ident_id ORDER BY 2, 3, 4, 5;
SELECT 'input', name, kind, sha256, format, done_pos, complete, accepted FROM inputs ORDER BY name;
SELECT 'reject', inp.name, r.reason, r.count FROM rejects r JOIN inputs inp ON inp.id = r.input_id ORDER BY 2, 3;"
}

"$GT_BIN" ingest -q --batch 500 --db "$T/clean.db" "$M" || echo "# clean run failed"
dump "$T/clean.db" > "$T/clean.txt"
npos=$(sqlite3 "$T/clean.db" "SELECT count(*) FROM positions")
if [ "$npos" -gt 70000 ]; then echo "ok - uninterrupted run stores $npos positions"; else echo "not ok - uninterrupted run stores $npos positions"; fi

kills=0 partial=0
for i in $(seq 1 12); do
    "$GT_BIN" ingest -q --batch 500 --db "$T/killed.db" "$M" &
    pid=$!
    sleep "0.$(( (RANDOM % 30) + 1 ))"
    if kill -9 $pid 2>/dev/null; then kills=$((kills + 1)); fi
    wait $pid 2>/dev/null
    n=$(sqlite3 "$T/killed.db" "SELECT count(*) FROM positions" 2>/dev/null || echo 0)
    [ "$n" -lt "$npos" ] && partial=$((partial + 1))
    # the database is consistent after every kill
    ic=$(sqlite3 "$T/killed.db" 'PRAGMA integrity_check' 2>&1)
    if [ "$ic" != ok ]; then
        echo "# $ic" | head -3
        echo "not ok - integrity after kill $i"
    fi
    # a run that completed leaves nothing to do: start again from scratch
    [ "$n" -ge "$npos" ] && rm -f "$T/killed.db" "$T/killed.db-wal" "$T/killed.db-shm"
done
echo "# $kills kills, $partial left a partial database"
if [ $partial -gt 0 ]; then echo "ok - kills landed mid-ingest"; else echo "skip - no kill landed mid-ingest (machine too fast)"; fi
"$GT_BIN" ingest -q --batch 500 --db "$T/killed.db" "$M"
dump "$T/killed.db" > "$T/killed.txt"
if cmp -s "$T/clean.txt" "$T/killed.txt"; then
    echo "ok - killed and resumed ingest equals an uninterrupted run ($(wc -l < "$T/clean.txt") rows, md5 $(md5sum < "$T/clean.txt" | cut -c1-12))"
else
    diff "$T/clean.txt" "$T/killed.txt" | head -10 | sed 's/^/# /'
    echo "not ok - killed and resumed ingest equals an uninterrupted run"
fi
"$GT_BIN" ingest -q --db "$T/killed.db" "$M"
dump "$T/killed.db" > "$T/again.txt"
if cmp -s "$T/clean.txt" "$T/again.txt"; then echo "ok - re-running a complete ingest adds nothing"; else echo "not ok - re-running a complete ingest adds nothing"; fi
grep -q "^reject|$M/truncated.ndjson.gz|truncated-gzip|1$" "$T/clean.txt" && echo "ok - truncated gzip counted" || echo "not ok - truncated gzip counted"
grep -q "^reject|$M/truncated.ndjson|bad-json|1$" "$T/clean.txt" && echo "ok - truncated last line counted" || echo "not ok - truncated last line counted"
grep -q "^reject|$M/trace_full_cut.json|json-truncated|1$" "$T/clean.txt" && echo "ok - cut JSON document: the cut entry counted" || echo "not ok - cut JSON document: the cut entry counted"
# the entry before the cut is also the full trace's first: stored once,
# with the cut file's record in its receiver set (pos_rx) when the full
# trace came first
cut=$(sqlite3 "$T/clean.db" "SELECT (SELECT count(*) FROM positions WHERE input_id = i.id)
  + (SELECT count(*) FROM pos_rx WHERE dup_src >> 40 = i.id) FROM inputs i
  WHERE name = '$M/trace_full_cut.json'")
[ "$cut" = 1 ] && echo "ok - cut JSON document: the entry before the cut stored" || echo "not ok - cut JSON document: the entry before the cut stored ($cut)"
[ "$(grep -c "^input|.*evil.ndjson" "$T/clean.txt")" = 1 ] && echo "ok - duplicate file stored once" || echo "not ok - duplicate file stored once"
