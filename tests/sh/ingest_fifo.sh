#!/usr/bin/env bash
# A FIFO named on the command line is read once, hashed while it is read
# (issue #15, item 6): plain and gzip content through a pipe are stored in
# full instead of hanging (hashed to the end, then opened again).
set -u
T=$(mktemp -d)
W=
trap '[ -n "$W" ] && kill "$W" 2>/dev/null; rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - FIFO input (sqlite3 missing)"; exit 0; }
command -v mkfifo >/dev/null || { echo "skip - FIFO input (mkfifo missing)"; exit 0; }
q() { sqlite3 "$DB" "$1"; }

awk 'BEGIN { for (i = 0; i < 3000; i++)
    printf "{\"id\":\"mmsi:%d\",\"lat\":%.6f,\"lon\":%.6f,\"t\":\"2020-01-01T%02d:%02d:%02dZ\"}\n",
        200000000 + i % 50, 50 + (i % 1000) / 1000.0, 5 + i / 40000.0, (i / 3600) % 24, (i / 60) % 60, i % 60 }' > "$T/x.ndjson"
mkfifo "$T/pipe"

DB=$T/a.db
( timeout -k 3 10 cat "$T/x.ndjson" > "$T/pipe" ) & W=$!
timeout -k 3 10 "$GT_BIN" ingest --db "$DB" "$T/pipe" 2> "$T/err1"
rc=$?
wait "$W" 2>/dev/null; W=
check "a FIFO is read to its end (no hang)" '[ $rc -ne 124 ] && [ $rc -ne 137 ]'
check "a FIFO: exit 0" '[ $rc -eq 0 ]'
check "a FIFO: all 3000 positions stored" '[ "$(q "SELECT count(*) FROM pos")" = 3000 ]'
check "a FIFO: the input is named by its path" '[ "$(q "SELECT name FROM inputs")" = "$T/pipe" ]'

DB=$T/b.db
( timeout -k 3 10 gzip -c "$T/x.ndjson" > "$T/pipe" ) & W=$!
timeout -k 3 10 "$GT_BIN" ingest --db "$DB" "$T/pipe" 2> "$T/err2"
rc=$?
wait "$W" 2>/dev/null; W=
check "a gzip FIFO: exit 0" '[ $rc -eq 0 ]'
check "a gzip FIFO: all 3000 positions stored" '[ "$(q "SELECT count(*) FROM pos")" = 3000 ]'
