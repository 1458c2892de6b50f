#!/usr/bin/env bash
# The store reads by hand with sqlite3 alone: the lookup views event_types,
# fact_fields and identity_text give the names and the identity text every
# command prints (docs/STORE.md), and a writable open repairs a code view
# that no longer matches the program.
set -u
D=$GT_ROOT/tests/data/ingest
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/t.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

for tool in sqlite3 jq; do
    command -v $tool >/dev/null || { echo "skip - store views ($tool missing)"; exit 0; }
done
"$GT_BIN" ingest -q --db "$DB" "$D" 2> /dev/null
"$GT_BIN" detect --db "$DB" > /dev/null 2>&1
q() { sqlite3 "$DB" "$1" 2>&1; }

types=$(q "SELECT code || ':' || name FROM event_types ORDER BY code" | paste -sd, -)
check "event_types lists the eight event types" \
    '[ "$types" = "1:gap,2:encounter,3:loiter,4:spoof,5:identity,6:flight,7:port_call,8:source_diff" ]'
check "fact_fields names callsign 2 and registration 9" \
    '[ "$(q "SELECT name FROM fact_fields WHERE code = 2")" = callsign ] && [ "$(q "SELECT name FROM fact_fields WHERE code = 9")" = registration ]'

# the views say what the commands say
a=$(q "SELECT t.name FROM events e JOIN event_types t ON t.code = e.type ORDER BY e.id")
b=$("$GT_BIN" events --db "$DB" | jq -r '[.id, .type] | @tsv' | sort | cut -f2)
check "events.type read through event_types equals the events command" '[ -n "$a" ] && [ "$a" = "$b" ]'
a=$(q "SELECT DISTINCT n.name || ' ' || f.value FROM facts f JOIN identity_text i ON i.id = f.ident_id
       JOIN fact_fields n ON n.code = f.field WHERE i.ident = 'icao:abc123' ORDER BY 1")
b=$("$GT_BIN" track --db "$DB" icao:abc123 --facts | jq -r 'select(has("field")) | .field + " " + .value' | sort -u)
check "facts read through identity_text and fact_fields equal track --facts" '[ -n "$a" ] && [ "$a" = "$b" ]'
check "identity_text writes ICAO addresses in hex, ~ for non-ICAO" \
    '[ "$(q "SELECT ident FROM identity_text WHERE kind = 2 AND value = 10597059")" = icao:a1b2c3 ] && q "SELECT ident FROM identity_text" | grep -q "^icao:~2d0001$"'
check "identity_text writes MMSIs in decimal" \
    'q "SELECT ident FROM identity_text WHERE kind = 1" | grep -q "^mmsi:273456000$"'

# a view that no longer matches the program is written again by the next
# writable open; a read-only one leaves the file alone
q "DROP VIEW event_types; CREATE VIEW event_types(code, name) AS VALUES (1, 'old')" > /dev/null
"$GT_BIN" events --db "$DB" > /dev/null
check "a read-only command leaves a stale view" '[ "$(q "SELECT count(*) FROM event_types")" = 1 ]'
"$GT_BIN" detect --db "$DB" > /dev/null 2>&1
check "a writable open writes the stale view again" '[ "$(q "SELECT count(*) FROM event_types")" = 8 ] && [ "$(q "SELECT name FROM event_types WHERE code = 1")" = gap ]'
