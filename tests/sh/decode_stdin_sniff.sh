#!/usr/bin/env bash
# `decode` sniffs standard input too (issue #15, item 13: a 5-line AVR
# input on stdin was decoded as AIS, all junk): from a pipe and from a
# redirected file, the first bytes are read, judged and put back, so every
# frame is decoded; NMEA through a pipe stays AIS.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
head -5 "$GT_ROOT/tests/fuzz/corpus/fuzz_avr/basic" > "$T/avr5.txt"
nmea=$GT_ROOT/tests/golden/ais_stdin_implicit/stdin
want=$("$GT_BIN" decode --format avr "$T/avr5.txt" 2>/dev/null)
check "the 5-line AVR file decodes as Mode S by name" '[ "$(grep -c "\"icao\"" <<<"$want")" = 4 ]'
got=$(cat "$T/avr5.txt" | "$GT_BIN" decode 2>/dev/null)
check "5 AVR lines through a pipe: every frame decoded as Mode S" '[ "$got" = "$want" ]'
got=$(cat "$T/avr5.txt" | "$GT_BIN" decode - 2>/dev/null)
check "5 AVR lines through a pipe as '-': the same" '[ "$got" = "$want" ]'
got=$("$GT_BIN" decode - < "$T/avr5.txt" 2>/dev/null)
check "5 AVR lines redirected from a file: the same" '[ "$got" = "$want" ]'
# a stream longer than the sniff window, arriving in pieces
for i in $(seq 1 400); do cat "$GT_ROOT/tests/fuzz/corpus/fuzz_avr/basic"; done > "$T/avr_big.txt"
n_file=$("$GT_BIN" decode --format avr "$T/avr_big.txt" 2>/dev/null | wc -l)
n_pipe=$( (head -c 100 "$T/avr_big.txt"; sleep 0.3; tail -c +101 "$T/avr_big.txt") | "$GT_BIN" decode 2>/dev/null | wc -l)
check "a long AVR stream in pieces through a pipe: every line decoded ($n_pipe of $n_file)" \
    '[ "$n_pipe" = "$n_file" ] && [ "$n_file" -gt 1000 ]'
want=$("$GT_BIN" decode "$nmea" 2>/dev/null)
got=$(cat "$nmea" | "$GT_BIN" decode 2>/dev/null)
check "NMEA through a pipe: still AIS, the same as from the file" '[ "$got" = "$want" ] && [ -n "$got" ]'
