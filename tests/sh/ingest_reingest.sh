#!/usr/bin/env bash
# A failed ingest must not lock a file out (issue #14, item 1): an input
# read with the wrong --format, of unknown format, or whose every record was
# rejected stores nothing, exits 1 with the reason, and is not recorded as
# complete, so the right command later stores all of it; --force re-ingests
# a complete input in place (same input id, no duplicate rows); an input
# with some rejected records stores the rest, warns and exits 0.
#
# The fixture is built here in the layout of the traffic library's
# Flight.data JSON export ("records" orientation of pandas DataFrame.to_json:
# a list of objects with timestamp in ms, icao24, latitude, longitude...).
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - re-ingest (sqlite3 missing)"; exit 0; }
q() { sqlite3 "$DB" "$1"; }

awk 'BEGIN { printf "["
    for (i = 0; i < 40; i++)
        printf "%s{\"timestamp\":%.0f,\"icao24\":\"3b7777\",\"callsign\":\"FAF4011\",\"latitude\":%.5f,\"longitude\":%.5f,\"altitude\":%d}",
            i ? "," : "", 1593547585000 + i * 5000, 43.5 + i / 1000.0, 1.3 + i / 500.0, 20000 + i * 10
    print "]" }' > "$T/flight.json"
DB=$T/a.db

# 1. the wrong --format: every "line" is rejected, nothing is stored
"$GT_BIN" ingest --db "$DB" --format ndjson "$T/flight.json" 2> "$T/err1"
rc=$?
check "wrong --format exits 1" '[ $rc -eq 1 ]'
check "wrong --format says why" 'grep -q "stored nothing (read as ndjson" "$T/err1"'
check "wrong --format stores nothing" '[ "$(q "SELECT count(*) FROM pos")" = 0 ]'
check "wrong --format is not complete" '[ "$(q "SELECT complete, done_pos, accepted FROM inputs")" = "0|0|0" ]'

# 2. the right format (detected) stores everything, in the same input row
"$GT_BIN" ingest -q --db "$DB" "$T/flight.json"
rc=$?
check "then detected format exits 0" '[ $rc -eq 0 ]'
check "then all 40 positions are stored" '[ "$(q "SELECT count(*) FROM pos")" = 40 ]'
check "one input row, now traffic-json and complete" \
    '[ "$(q "SELECT count(*), min(format), min(complete) FROM inputs")" = "1|traffic-json|1" ]'
check "the failed attempt's rejects are gone" '[ "$(q "SELECT count(*) FROM rejects")" = 0 ]'

# 3. stored: the same bytes again are skipped, and --force replaces in place
"$GT_BIN" ingest --db "$DB" "$T/flight.json" 2> "$T/err3"
rc=$?
check "already stored exits 0" '[ $rc -eq 0 ] && grep -q "1 already stored" "$T/err3"'
before=$(q "SELECT count(*) FROM pos; SELECT count(*), sum(count) FROM facts; SELECT id FROM inputs")
"$GT_BIN" ingest --db "$DB" --force "$T/flight.json" 2> "$T/err4"
rc=$?
after=$(q "SELECT count(*) FROM pos; SELECT count(*), sum(count) FROM facts; SELECT id FROM inputs")
check "--force exits 0 and says replaced" '[ $rc -eq 0 ] && grep -q "1 replaced" "$T/err4"'
check "--force replaces rather than duplicates ($(echo $before) / $(echo $after))" '[ "$before" = "$after" ]'
check "--force keeps accepted equal to the rows" '[ "$(q "SELECT accepted FROM inputs")" = 41 ]'

"$GT_BIN" ingest --db "$DB" --force --format ndjson "$T/flight.json" 2> "$T/err4b"
rc=$?
check "--force with a wrong format exits 1 and keeps the records" \
    '[ $rc -eq 1 ] && grep -q "are kept" "$T/err4b" && [ "$(q "SELECT count(*) FROM pos")" = 40 ] &&
     [ "$(q "SELECT format, complete FROM inputs")" = "traffic-json|1" ]'

# 4. unknown format: a padded file the sniffer cannot place, then --format
{ head -c 70000 /dev/zero | tr '\0' ' '; cat "$T/flight.json"; } > "$T/padded.json"
"$GT_BIN" ingest --db "$T/b.db" "$T/padded.json" 2> "$T/err5"
rc=$?
check "unknown format exits 1 naming --format" '[ $rc -eq 1 ] && grep -q "no format recognised; name it with --format" "$T/err5"'
"$GT_BIN" ingest -q --db "$T/b.db" --format traffic-json "$T/padded.json"
rc=$?
check "then --format traffic-json stores all 40" \
    '[ $rc -eq 0 ] && [ "$(sqlite3 "$T/b.db" "SELECT count(*) FROM pos")" = 40 ]'

# 5. every record rejected (no valid address): exit 1, and re-ingestable
sed 's/"icao24":"3b7777"/"icao24":"zz"/g' "$T/flight.json" > "$T/bad.json"
"$GT_BIN" ingest --db "$T/c.db" "$T/bad.json" 2> "$T/err6"
rc=$?
check "all rejected exits 1" '[ $rc -eq 1 ] && grep -q "stored nothing" "$T/err6"'
r1=$(sqlite3 "$T/c.db" "SELECT reason, count FROM rejects")
"$GT_BIN" ingest --db "$T/c.db" "$T/bad.json" 2> "$T/err7"
check "all rejected is read again, not 'already stored'" \
    '! grep -q "1 already stored" "$T/err7" && grep -q "stored nothing" "$T/err7"'
r2=$(sqlite3 "$T/c.db" "SELECT reason, count FROM rejects")
check "its rejects are counted once ($r1)" '[ -n "$r1" ] && [ "$r1" = "$r2" ]'
"$GT_BIN" ingest -q --db "$T/c.db" --format ndjson "$T/bad.json" 2> /dev/null
r3=$(sqlite3 "$T/c.db" "SELECT format, reason FROM inputs JOIN rejects ON input_id = id")
check "read again as another format, its rejects are that format's ($r3)" '[ "$r3" = "ndjson|bad-json" ]'

# 6. some records rejected: stored, warned, exit 0; a folder with one bad
# file among good ones exits 0 too (the folder gave something)
head -c -1 "$T/flight.json" | sed 's/}]$/},{"timestamp":"never","icao24":"3b7777"}]/' > "$T/some.json"
"$GT_BIN" ingest --db "$T/d.db" "$T/some.json" 2> "$T/err8"
rc=$?
check "some rejected exits 0 with a warning" '[ $rc -eq 0 ] && grep -q "warning: .*some.json.*records rejected" "$T/err8"'
mkdir "$T/dir"
cp "$T/flight.json" "$T/bad.json" "$T/dir/"
"$GT_BIN" ingest -q --db "$T/e.db" "$T/dir" 2> "$T/err9"
rc=$?
check "a folder that gave something exits 0, naming its bad file" \
    '[ $rc -eq 0 ] && grep -q "bad.json.*stored nothing" "$T/err9"'
"$GT_BIN" ingest -q --db "$T/e.db" "$T/dir" "$T/bad.json" 2> /dev/null
rc=$?
check "a named file that stored nothing exits 1" '[ $rc -eq 1 ]'

# 7. ingest DIR skips the database it is writing, and its -wal and -shm
mkdir "$T/own"
cp "$T/flight.json" "$T/own/"
(cd "$T/own" && "$GT_BIN" ingest -q --db ghosttrack.db . 2> ../own1 && "$GT_BIN" ingest --db ghosttrack.db . 2> ../own2)
rc=$?
check "a folder holding its own database: exit 0, the database never read ($(tr '\n' ' ' < "$T/own2"))" \
    '[ $rc -eq 0 ] && ! grep -q "ghosttrack.db" "$T/own1" "$T/own2" && grep -q "0 stored nothing" "$T/own2" &&
     [ "$(sqlite3 "$T/own/ghosttrack.db" "SELECT count(*) FROM inputs")" = 1 ]'

# 8. track of an identity the store does not hold says so and exits 1
"$GT_BIN" track --db "$DB" mmsi:123456789 > "$T/tr.out" 2> "$T/tr.err"
rc=$?
check "track of an unknown identity exits 1 and says so" \
    '[ $rc -eq 1 ] && [ ! -s "$T/tr.out" ] && grep -q "no positions or facts of .mmsi:123456789. in the store" "$T/tr.err"'
n=$("$GT_BIN" track --db "$DB" icao:3b7777 | grep -c '"lat"')
check "track of a stored identity prints its 40 positions" '[ "$n" = 40 ]'

# 9. --force leaves the store exactly as the single ingest did (facts with
# their counts, first and last; positions; receiver copies), also when
# another input holds the same fact: two flights of one aircraft with one
# callsign, then each replaced in turn.  Two stations' copies in one input
# (pos_rx) must survive its replacement.
awk 'BEGIN { printf "["
    for (i = 0; i < 40; i++)
        printf "%s{\"timestamp\":%.0f,\"icao24\":\"3b7777\",\"callsign\":\"FAF4011\",\"latitude\":%.5f,\"longitude\":%.5f,\"altitude\":%d}",
            i ? "," : "", 1593548585000 + i * 5000, 44.5 + i / 1000.0, 2.3 + i / 500.0, 30000 + i * 10
    print "]" }' > "$T/flight2.json"
DB=$T/f.db
dump() {
    sqlite3 "$DB" "SELECT * FROM facts ORDER BY 1, 2, 3; SELECT count(*), sum(ident_id), sum(t_ms),
        sum(src), sum(lat), sum(alt) FROM pos; SELECT * FROM pos_rx ORDER BY 1, 2, 3, 4;
        SELECT id, complete, accepted FROM inputs ORDER BY id"
}
"$GT_BIN" ingest -q --db "$DB" "$T/flight.json" "$T/flight2.json"
d1=$(dump)
"$GT_BIN" ingest -q --db "$DB" --force "$T/flight.json"
d2=$(dump)
"$GT_BIN" ingest -q --db "$DB" --force "$T/flight2.json"
d3=$(dump)
check "--force of one of two inputs sharing a fact counts it once ($(echo $d1 | cut -c1-60))" \
    '[ "$(sqlite3 "$DB" "SELECT count FROM facts WHERE field = 2")" = 2 ] && [ "$d1" = "$d2" ]'
check "--force of the other leaves the store as the single ingest did" '[ "$d1" = "$d3" ]'
check "no per-input share or span is left over from the replaced records" \
    '[ "$(sqlite3 "$DB" "SELECT count(*) FROM fact_src; SELECT count(*) FROM input_span")" = "$(printf "2\n2")" ]'
cat "$GT_ROOT/tests/data/dup/ais_rxNorth.nmea" "$GT_ROOT/tests/data/dup/ais_rxSouth.nmea" > "$T/both.nmea"
DB=$T/g.db
"$GT_BIN" ingest -q --db "$DB" "$T/both.nmea"
d1=$(dump)
"$GT_BIN" ingest -q --db "$DB" --force "$T/both.nmea"
d2=$(dump)
check "--force keeps an input's own receiver copies once ($(sqlite3 "$DB" "SELECT count(*) FROM pos_rx"))" \
    '[ "$(sqlite3 "$DB" "SELECT count(*) FROM pos_rx")" = 6 ] && [ "$d1" = "$d2" ]'

# 10. an input holding only facts (no position) shares a fact with
# another: --force leaves its count, first and last as they were
printf '{"field":"name","id":"mmsi:273456000","t":"2019-03-03T10:00:00Z","value":"NORD"}\n' > "$T/n1.ndjson"
printf '{"field":"name","id":"mmsi:273456000","t":"2019-03-04T10:00:00Z","value":"NORD"}\n' > "$T/n2.ndjson"
DB=$T/h.db
"$GT_BIN" ingest -q --db "$DB" "$T/n1.ndjson" "$T/n2.ndjson"
d1=$(dump)
"$GT_BIN" ingest -q --db "$DB" --force "$T/n2.ndjson"
"$GT_BIN" ingest -q --db "$DB" --force "$T/n1.ndjson"
d2=$(dump)
check "--force of facts-only inputs keeps the shared fact's count 2 ($(sqlite3 "$DB" "SELECT count FROM facts"))" \
    '[ "$(sqlite3 "$DB" "SELECT count FROM facts")" = 2 ] && [ "$d1" = "$d2" ]'
