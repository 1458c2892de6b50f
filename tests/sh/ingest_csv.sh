#!/usr/bin/env bash
# CSV inputs analysts have (issue #14 item 3, #15 item 13): a vendor export
# read through --columns, a satellite-AIS export read by its header names,
# MarineCadastre 2018+ with TransceiverClass, Length and Width kept, doubled
# quotes stored as one quote, and clear errors for a mapping that does not
# fit.  Fixtures in tests/data/csv are written from the formats' public
# descriptions (tests/data/README.md).
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - csv formats (sqlite3 missing)"; exit 0; }
D=$GT_ROOT/tests/data/csv
q() { sqlite3 "$1" "$2"; }
# fact values by field name (obs.h: 1 name, 3 imo, 14 class, 15 length, 16 width)
fact() { q "$1" "SELECT group_concat(value, '|') FROM (SELECT value FROM facts WHERE field = $2 ORDER BY value)"; }

# 1. vendor export with a mapping
"$GT_BIN" ingest --db "$T/v.db" --columns \
    'mmsi=MMSI,time=Position Received (UTC),lat=Latitude,lon=Longitude,speed=Speed (kn),course=Course,name=Vessel Name' \
    "$D/vendor_positions.csv" > "$T/v.out" 2> "$T/v.err"
rc=$?
check "vendor csv: exit 0 ($rc)" '[ $rc -eq 0 ]'
check "vendor csv: read as csv" '[ "$(q "$T/v.db" "SELECT format FROM inputs")" = csv ]'
check "vendor csv: 4 positions" '[ "$(q "$T/v.db" "SELECT count(*) FROM pos")" = 4 ]'
check "vendor csv: doubled quotes are one quote, a name over two lines kept" \
    '[ "$(fact "$T/v.db" 1)" = "$(printf "NORTH\nSTAR|SMITH \"JR\"")" ]'
check "vendor csv: IMO found by its header name" '[ "$(fact "$T/v.db" 3)" = "9330020|9400001" ]'
check "vendor csv: the columns not read are named once" \
    '[ "$(grep -c "2 columns not read: Dwt, Status" "$T/v.err")" = 1 ]'

# 2. the mapping names a column the header lacks: exit 1, the message names it
"$GT_BIN" ingest --db "$T/e.db" --columns 'mmsi=MMSI,time=When' "$D/vendor_positions.csv" \
    > /dev/null 2> "$T/e.err"
rc=$?
check "bad mapping: exit 1 ($rc)" '[ $rc -eq 1 ]'
check "bad mapping: names the missing column" 'grep -q "no column '"'"'When'"'"' in the header" "$T/e.err"'
"$GT_BIN" ingest --db "$T/e.db" --columns 'vessel=MMSI' "$D/vendor_positions.csv" \
    > /dev/null 2> "$T/e2.err"
rc=$?
check "unknown key: usage error ($rc)" '[ $rc -eq 2 ] && grep -q "unknown key '"'"'vessel'"'"'" "$T/e2.err"'
"$GT_BIN" ingest --db "$T/e.db" --format nmea --columns 'mmsi=MMSI' "$D/vendor_positions.csv" \
    > /dev/null 2> "$T/e3.err"
check "--columns with another format: usage error" '[ $? -eq 2 ]'
"$GT_BIN" ingest --db "$T/e.db" "$D/vendor_positions.csv" > /dev/null 2> "$T/e4.err"
check "vendor csv without a mapping: exit 1, no time column" \
    '[ $? -eq 1 ] && grep -q "no time column: name it with --columns time=COLUMN" "$T/e4.err"'

# 3. satellite-AIS export (exactEarth-like, 55 columns) by its header names
"$GT_BIN" ingest --db "$T/s.db" "$D/satellite_ais.csv" > /dev/null 2> "$T/s.err"
rc=$?
check "satellite csv: exit 0 with a rejected row ($rc)" '[ $rc -eq 0 ]'
check "satellite csv: sniffed as csv" '[ "$(q "$T/s.db" "SELECT format FROM inputs")" = csv ]'
check "satellite csv: 2 positions" '[ "$(q "$T/s.db" "SELECT count(*) FROM pos")" = 2 ]'
check "satellite csv: the bad time is rejected as time" \
    '[ "$(q "$T/s.db" "SELECT count FROM rejects WHERE reason = '"'"'time'"'"'")" = 1 ]'
check "satellite csv: name with a comma, dimensions" \
    '[ "$(fact "$T/s.db" 1)" = "STAR, OF THE SEA" ] && [ "$(fact "$T/s.db" 5)" = "150,30,12,14" ]'

# 4. MarineCadastre 2018+: class, length and width kept as facts
"$GT_BIN" ingest --db "$T/m.db" "$D/marinecadastre_2023.csv" > /dev/null 2>&1
check "marinecadastre: read as ais-csv" '[ "$(q "$T/m.db" "SELECT format FROM inputs")" = ais-csv ]'
check "marinecadastre: TransceiverClass A and B" '[ "$(fact "$T/m.db" 14)" = "A|B" ]'
check "marinecadastre: Length and Width" \
    '[ "$(fact "$T/m.db" 15)" = "12|22.86" ] && [ "$(fact "$T/m.db" 16)" = "4|7.3" ]'
check "marinecadastre: SMITH \"JR\" stored with single quotes" \
    '[ "$(q "$T/m.db" "SELECT count(*) FROM facts WHERE field = 1 AND value = '"'"'SMITH \"JR\"'"'"'")" = 1 ]'

# 5. the real MarineCadastre sample, when the shared data is there
R=${GT_SHARED:-$GT_ROOT/../shared/data}/ais/marinecadastre-csv/fathom5_track.csv
if [ -r "$R" ]; then
    "$GT_BIN" ingest --db "$T/r.db" "$R" > /dev/null 2>&1
    check "fathom5 sample: read as ais-csv with positions" \
        '[ "$(q "$T/r.db" "SELECT format FROM inputs")" = ais-csv ] && [ "$(q "$T/r.db" "SELECT count(*) FROM pos")" -gt 0 ]'
    check "fathom5 sample: Length kept" '[ "$(q "$T/r.db" "SELECT count(*) FROM facts WHERE field = 15")" -gt 0 ]'
else
    echo "skip - fathom5 sample (../shared/data absent)"
fi
