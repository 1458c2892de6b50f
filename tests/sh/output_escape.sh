#!/usr/bin/env bash
# Control characters from data never reach the terminal (issue #15, item
# 13): an ESC in an aircraft database's typecode and operator or in a
# source name is shown as U+FFFD in the `flights` and `stats` tables;
# output printed to a terminal (a pty from script(1)) is filtered too.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
D=$GT_ROOT/tests/data/ingest
ESC=$(printf '\033')
has_ctl() { LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; }

DB=$T/s.db
name="$T/states$(printf '\033[2J\033]0;pwned\007').csv"
cp "$D/opensky_states.csv" "$name"
"$GT_BIN" ingest -q --db "$DB" --source "rx$(printf '\033[31m')1" "$name" > /dev/null 2>&1 || nok "ingest"
printf 'icao24,registration,typecode,operator\n4b1805,HB-JNA,B7\0337W,Sw\033[31miss\n' > "$T/acdb.csv"
"$GT_BIN" ref --db "$DB" --aircraft "$T/acdb.csv" > /dev/null 2>&1 || nok "ref --aircraft"

"$GT_BIN" flights --db "$DB" > "$T/flights.txt" 2>&1
check "flights: the table lists the aircraft" 'grep -q "icao:4b1805" "$T/flights.txt"'
check "flights: no control character from the typecode reaches the output" '! has_ctl "$T/flights.txt"'
check "flights: the typecode's ESC is shown as U+FFFD" 'grep -q "B7�7W\|B7�" "$T/flights.txt"'
"$GT_BIN" stats --db "$DB" > "$T/stats.txt" 2>&1
check "stats: the source is listed" 'grep -q "rx.*1" "$T/stats.txt"'
check "stats: no control character from the source name" '! has_ctl "$T/stats.txt"'
# a data format into a pipe is byte-exact
"$GT_BIN" export --db "$DB" --format ndjson > "$T/pipe.ndjson" 2>/dev/null
check "export into a pipe: NDJSON written (JSON escapes controls itself)" '[ -s "$T/pipe.ndjson" ]'
if command -v script > /dev/null; then
    script -qec "$GT_BIN flights --db $DB --format ndjson" /dev/null > "$T/tty.txt" 2>&1
    check "flights --format ndjson on a terminal: no ESC" '[ -s "$T/tty.txt" ] && ! grep -q "$ESC" "$T/tty.txt"'
    script -qec "$GT_BIN stats --db $DB" /dev/null > "$T/tty2.txt" 2>&1
    check "stats on a terminal: no ESC" '[ -s "$T/tty2.txt" ] && ! grep -q "$ESC" "$T/tty2.txt"'
else
    echo "skip - terminal output (script missing)"
fi
