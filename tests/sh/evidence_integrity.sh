#!/usr/bin/env bash
# Evidence verified against the input's size and SHA-256 (issue #15.1):
# a report never quotes bytes from a file that is not the one ingested
# (same size or another size), the store's own copy of cited records
# survives the input's deletion, and a store moved with its inputs to
# another folder still finds and verifies them.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
count() { grep -o "$1" "$2" | wc -l; }
UNAV='"unavailable":"evidence unavailable: input changed or missing"'

command -v sqlite3 >/dev/null || { echo "skip - evidence integrity (sqlite3 missing)"; exit 0; }
cd "$T" || exit 1
"$GT_BIN" demo --out run1 > /dev/null 2>&1
check "demo builds a store" '[ -s run1/ghosttrack.db ] && [ -s run1/data/ais.nmea ]'
DB=run1/ghosttrack.db
"$GT_BIN" report --db $DB --out r0.html > /dev/null
v0=$(count '"original":"verified"' r0.html)
check "report: every quoted record verifies ($v0)" '[ "$v0" -gt 0 ] && [ "$(count "$UNAV" r0.html)" = 0 ]'
check "store keeps a copy of cited records" \
    '[ "$(sqlite3 $DB "SELECT count(*) FROM evidence_raw")" -gt 0 ]'
ais=$(sqlite3 $DB "SELECT count(*) FROM evidence e JOIN inputs i ON i.id = e.input_id JOIN events v ON v.id = e.event_id WHERE i.name LIKE '%ais.nmea'")
check "events cite ais.nmea ($ais records)" '[ "$ais" -gt 0 ]'

# A store without copies (as a version 2 store was): only the file can prove.
cp $DB bare.db
sqlite3 bare.db "DELETE FROM evidence_raw" || nok "clear copies"
mkdir bare && mv bare.db bare/ghosttrack.db && cp -r run1/data bare/data
cp bare/data/ais.nmea ais.orig
# the stored names point at run1/data/, which would still verify: away with it
mv run1 run1.off

# 1. same size, different bytes
sed 's/!AIVDM/!FORGD/' ais.orig > bare/data/ais.nmea
check "swap keeps the size" '[ "$(stat -c %s ais.orig)" = "$(stat -c %s bare/data/ais.nmea)" ]'
"$GT_BIN" report --db bare/ghosttrack.db --out r1.html > /dev/null
check "same-size swap: nothing foreign quoted" '! grep -q FORGD r1.html'
u1=$(count "$UNAV" r1.html)
check "same-size swap: records say unavailable ($u1)" '[ "$u1" -gt 0 ]'
"$GT_BIN" events --db bare/ghosttrack.db > e1.ndjson
check "events: evidence_check.unavailable counts them" \
    'grep -q "\"evidence_check\":{\"stored\":0,\"unavailable\":[1-9]" e1.ndjson'

# 2. another size: a line put in front shifts every offset
{ echo '!FORGD,1,1,,A,forged-line-shifting-every-offset,0*00'; cat ais.orig; } > bare/data/ais.nmea
"$GT_BIN" report --db bare/ghosttrack.db --out r2.html > /dev/null
check "other-size swap: nothing foreign quoted" '! grep -q FORGD r2.html'
check "other-size swap: same records unavailable" '[ "$(count "$UNAV" r2.html)" = "$u1" ]'
"$GT_BIN" events --db bare/ghosttrack.db -f csv > e2.csv
check "events csv: evidence_unavailable column" \
    'head -1 e2.csv | grep -q ",evidence_verified,evidence_stored,evidence_unavailable$" && tail -n +2 e2.csv | awk -F, "\$NF > 0" | grep -q .'

# 3. with the store's copies: the copy is quoted, flagged as unverified
mv run1.off run1
sed 's/!AIVDM/!FORGD/' ais.orig > run1/data/ais.nmea
"$GT_BIN" report --db $DB --out r3.html > /dev/null
check "copy kept: nothing foreign quoted" '! grep -q FORGD r3.html'
check "copy kept: original flagged changed" '[ "$(count "\"original\":\"changed or missing\"" r3.html)" -gt 0 ]'
cp ais.orig run1/data/ais.nmea

# 4. store and inputs moved together, run from elsewhere
mkdir -p elsewhere/deep && mv run1 elsewhere/deep/moved
(cd elsewhere && "$GT_BIN" report --db deep/moved/ghosttrack.db --out "$T/r4.html" > /dev/null)
check "moved store: every record still verifies" \
    '[ "$(count "\"original\":\"verified\"" r4.html)" = "$v0" ] && [ "$(count "$UNAV" r4.html)" = 0 ]'
cp ais.orig bare/data/ais.nmea
mv bare elsewhere/bare2
"$GT_BIN" report --db elsewhere/bare2/ghosttrack.db --out r4b.html > /dev/null
check "moved store without copies: read from the verified file" \
    '[ "$(count "$UNAV" r4b.html)" = 0 ] && [ "$(count "\"original\":\"verified\"" r4b.html)" = "$v0" ]'

# 5. input deleted: the stored copy survives
rm elsewhere/deep/moved/data/ais.nmea
"$GT_BIN" report --db elsewhere/deep/moved/ghosttrack.db --out r5.html > /dev/null
s5=$(count '"original":"changed or missing"' r5.html)
check "deleted input: stored copies quoted ($s5)" '[ "$s5" -gt 0 ] && grep -q "!AIVDM" r5.html'
check "deleted input: no record lost from the report" \
    '[ $((s5 + $(count "\"original\":\"verified\"" r5.html) + $(count "$UNAV" r5.html))) = "$v0" ]'
