#!/usr/bin/env bash
# Exports validated by real parsers (jq, xmllint) and hostile names made
# harmless in every format: a vessel named <script>alert(1)</script> and
# one named =HYPERLINK("x"), ingested from tests/data/ingest/evil.ndjson.
set -u
D=$GT_ROOT/tests/data/ingest
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/t.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

for tool in jq xmllint sqlite3; do
    command -v $tool >/dev/null || { echo "skip - export validation ($tool missing)"; exit 0; }
done
"$GT_BIN" ref --db "$DB" --aircraft "$D/aircraft_db.csv" > /dev/null
"$GT_BIN" ingest -q --db "$DB" "$D" 2> "$T/err"
check "ingest fixtures exits 0" '[ $? -eq 0 ]'

for f in ndjson csv geojson kml gpx; do
    "$GT_BIN" export --db "$DB" -f $f > "$T/all.$f"
    check "export $f exits 0" '[ $? -eq 0 ] && [ -s "$T/all.$f" ]'
    # CSV is plain data to a spreadsheet: markup is inert there, formulas are not
    [ $f = csv ] || check "export $f has no raw <script>" '! grep -q "<script>" "$T/all.$f"'
done
check "ndjson parses line by line" 'jq -c . "$T/all.ndjson" > /dev/null'
check "geojson parses" 'jq -e ".type == \"FeatureCollection\"" "$T/all.geojson" > /dev/null'
first=$(jq -c '[.features[] | select(.properties.id == "mmsi:273456000" and .geometry.type == "LineString")][0].geometry.coordinates[0]' "$T/all.geojson")
check "geojson is [lon, lat]" '[ "$first" = "[10.5,59.1]" ]'
south=$(jq -c '[.features[] | select(.properties.id == "mmsi:273456001" and .geometry.type == "Point")][0].geometry.coordinates' "$T/all.geojson")
check "geojson southern hemisphere point" '[ "$south" = "[151.2,-33.9]" ]'
name=$(jq -r '[.features[] | select(.properties.id == "mmsi:273456000")][0].properties.name' "$T/all.geojson")
check "geojson keeps the name as text" '[ "$name" = "<script>alert(1)</script>" ]'
check "kml well-formed" 'xmllint --noout "$T/all.kml"'
check "gpx well-formed" 'xmllint --noout "$T/all.gpx"'
kname=$(xmllint --xpath 'string(//*[local-name()="Placemark"][contains(*[local-name()="name"], "273456000")]/*[local-name()="name"])' "$T/all.kml")
check "kml name is text" '[ "$kname" = "<script>alert(1)</script> (mmsi:273456000)" ]'
check "kml gx:Track with when" 'grep -q "<gx:Track><altitudeMode>clampToGround</altitudeMode>" "$T/all.kml" && grep -q "<when>2019-03-03T10:00:00Z</when>" "$T/all.kml"'
check "kml aircraft absolute altitude" 'grep -q "<altitudeMode>absolute</altitudeMode>" "$T/all.kml"'
check "csv neutralises formulas" 'grep -q ",\"'"'"'=HYPERLINK(\"\"x\"\")\"," "$T/all.csv" && ! grep -q ",=HYPERLINK" "$T/all.csv"'
check "csv header" '[ "$(head -1 "$T/all.csv")" = "id,name,t,lat,lon,alt_ft,speed_kn,course_deg,heading_deg,on_ground,input,pos" ]'

# round trip: the NDJSON export ingests back into an equal store
"$GT_BIN" ingest -q --db "$T/rt.db" "$T/all.ndjson"
a=$(sqlite3 "$DB" "SELECT count(*), sum(lat), sum(lon), sum(t_ms) FROM positions")
b=$(sqlite3 "$T/rt.db" "SELECT count(*), sum(lat), sum(lon), sum(t_ms) FROM positions")
check "ndjson export round-trips through ingest" '[ "$a" = "$b" ] && [ -n "$a" ]'

# lookups
check "track by registration (aircraft db)" '"$GT_BIN" track --db "$DB" RA-86496 | grep -q "\"id\":\"icao:1519a5\""'
check "track by hostile vessel name" '"$GT_BIN" track --db "$DB" "<script>alert(1)</script>" -f gpx | xmllint --noout -'
check "track by registration from trace" '"$GT_BIN" track --db "$DB" n12345 -f csv | grep -q "^icao:abc123,"'
check "track unknown name fails" '! "$GT_BIN" track --db "$DB" "no such ship" 2>/dev/null'
# the flights table: one header, one separator (two spaces, no tabs), and
# the callsign and registration the store knows (aircraft db or the data)
"$GT_BIN" flights --db "$DB" > "$T/flights.txt"
check "flights table has one header line" '[ "$(grep -c "^ID  *CALLSIGN  *REG  *TYPE  *START (UTC)" "$T/flights.txt")" = 1 ] && head -1 "$T/flights.txt" | grep -q "^ID "'
check "flights table uses one separator" '! grep -q "$(printf "\t")" "$T/flights.txt" && [ "$(tail -n +2 "$T/flights.txt" | awk "NF != 11" | wc -l)" = 0 ]'
check "flights shows the registration of the aircraft db" 'grep -q "^icao:1519a5  *AFL100  *RA-86496  *IL62 " "$T/flights.txt"'
check "flights shows callsign and registration from the data" 'grep -q "^icao:a1b2c3  *UAL123  *N54321  " "$T/flights.txt" && grep -q "^icao:abc123  *N12345  *N12345  *C172 " "$T/flights.txt"'
col() { awk -v w="$1" "NR == 1 { print index(\$0, w) }" "$T/flights.txt"; }
row() { awk -v w="$1" "/^icao:1519a5/ { print index(\$0, w) }" "$T/flights.txt"; }
check "flights columns line up with the header" '[ "$(col FROM)" = "$(row UUEE)" ] && [ "$(col REG)" = "$(row RA-86496)" ]'

# track NDJSON is positions only; the identity facts come with --facts
"$GT_BIN" track --db "$DB" mmsi:273456000 > "$T/tr.ndjson"
check "track ndjson is positions only" '[ -s "$T/tr.ndjson" ] && [ "$(jq -c "select(has(\"lat\") | not)" "$T/tr.ndjson" | wc -l)" = 0 ]'
"$GT_BIN" track --db "$DB" mmsi:273456000 --facts > "$T/trf.ndjson"
nf=$(jq -c 'select(has("field"))' "$T/trf.ndjson" | wc -l)
np=$(grep -c '"lat"' "$T/trf.ndjson")
check "track --facts adds the facts before the positions" '[ "$nf" -gt 0 ] && [ "$np" = "$(wc -l < "$T/tr.ndjson")" ] && head -1 "$T/trf.ndjson" | grep -q "\"field\""'
"$GT_BIN" track --db "$DB" mmsi:273456000 --geometry poly > /dev/null 2>&1
check "track --geometry rejects an unknown kind (exit 2)" '[ $? -eq 2 ]'
n=$("$GT_BIN" export --db "$DB" --bbox 59,10,60,11 -f csv | tail -n +2 | wc -l)
check "export bbox filter" '[ "$n" = 3 ]'
n=$("$GT_BIN" export --db "$DB" --bbox 59,10,60,11 --since 2019-03-03T10:01:00Z -f csv | tail -n +2 | wc -l)
check "export time filter" '[ "$n" = 2 ]'
check "stats lists rejects by reason" '"$GT_BIN" stats --db "$DB" | grep -q "^  bad-position  "'

# output pinned against reviewed expected files (tests/data/ingest_expected/)
E=$GT_ROOT/tests/data/ingest_expected
same() { # name, expected file, command...
    local name=$1 want=$2
    shift 2
    if "$@" 2>&1 | cmp -s - "$want"; then ok "$name"; else
        "$@" 2>&1 | diff "$want" - | head -5 | sed 's/^/# /'
        nok "$name"
    fi
}
same "track registration ndjson --facts" "$E/track_ra86496.ndjson" "$GT_BIN" track --db "$DB" RA-86496 --facts
same "track vessel kml" "$E/track_273456000.kml" "$GT_BIN" track --db "$DB" mmsi:273456000 -f kml
same "track aircraft gpx" "$E/track_abc123.gpx" "$GT_BIN" track --db "$DB" icao:abc123 -f gpx
same "track formula-named vessel geojson" "$E/track_273456001.geojson" "$GT_BIN" track --db "$DB" '=HYPERLINK("x")' -f geojson
same "export bbox csv" "$E/export_ny.csv" "$GT_BIN" export --db "$DB" -f csv --bbox 40,-75,42,-73

# events: rows written as a detector would (gt_store_put_event's schema),
# read back through `ghosttrack events` in every format
sqlite3 "$DB" "INSERT INTO events VALUES('ev_00000000000000aa', 1, 'mmsi:273456000', NULL, 1551607200000, 1551610800000, 59.1, 10.5, 0.9, '{\"gap_s\":3600,\"note\":\"<script>alert(1)</script>\"}');
INSERT INTO events VALUES('ev_00000000000000bb', 2, 'mmsi:273456001', 'mmsi:273456000', 1551700000000, 1551703600000, -33.9, 151.2, 0.5, '{}');
INSERT INTO evidence VALUES('ev_00000000000000aa', 0, 1, 3, 196, 0, 1551607200000, 'off');"
evin=$(sqlite3 "$DB" "SELECT name FROM inputs WHERE id = 3")
n=$("$GT_BIN" events --db "$DB" | wc -l)
check "events lists stored events" '[ "$n" = 2 ]'
check "events ndjson names the evidence file" '"$GT_BIN" events --db "$DB" --type gap | jq -e --arg f "$evin" ".evidence[0].file == \$f and .evidence[0].offset == 196" > /dev/null'
n=$("$GT_BIN" events --db "$DB" --subject "=HYPERLINK(\"x\")" | wc -l)
check "events --subject by vessel name (subject or peer)" '[ "$n" = 1 ]'
n=$("$GT_BIN" events --db "$DB" --bbox -34,151,-33,152 | wc -l)
check "events --bbox" '[ "$n" = 1 ]'
n=$("$GT_BIN" events --db "$DB" --since 2019-03-03T00:00:00Z --until 2019-03-03T23:00:00Z | wc -l)
check "events --since/--until" '[ "$n" = 1 ]'
check "events geojson [lon, lat]" '[ "$("$GT_BIN" events --db "$DB" -f geojson | jq -c ".features[0].geometry.coordinates")" = "[10.5,59.1]" ]'
check "events kml well-formed, detail escaped" '"$GT_BIN" events --db "$DB" -f kml > "$T/ev.kml" && xmllint --noout "$T/ev.kml" && ! grep -q "<script>" "$T/ev.kml"'
check "events csv" '[ "$("$GT_BIN" events --db "$DB" -f csv | wc -l)" = 3 ]'

# reference blobs
printf 'iso3,label,sublabel,lat,lon\nNOR,PORT <A>,,1,2\n' > "$T/ports.csv"
"$GT_BIN" ref --db "$DB" --ports "$T/ports.csv" > /dev/null
check "ref --ports stores the file whole" '[ "$(sqlite3 "$DB" "SELECT length(data) FROM refs WHERE kind = '"'"'ports'"'"'")" = "$(wc -c < "$T/ports.csv")" ]'

# standard input is found by content too: piping the same data twice adds nothing
"$GT_BIN" ingest -q --db "$T/stdin.db" - < "$D/evil.ndjson"
"$GT_BIN" ingest -q --db "$T/stdin.db" - < "$D/evil.ndjson"
check "stdin ingested twice is stored once" '[ "$(sqlite3 "$T/stdin.db" "SELECT count(*) FROM positions")" = 5 ]'
