#!/usr/bin/env bash
# Untimed Mode S recordings (issue #14, item 2): Beast and AVR frames carry
# only the receiver's clock (a 12 MHz counter from power-on, or a Radarcape's
# GPS time of day), never a date.  ingest anchors them to --start-time or to
# the epoch the recorder wrote into the file name (NAME-utc--EPOCH--.log, as
# `nc HOST 30005 > NAME-utc--$(date +%s.%N)--.log` names a capture), and
# refuses them otherwise with a message naming both, rather than storing
# 1970.  The real capture is the traffic library's dump1090 Beast sample
# (../shared/data, copied to a temporary file under a recorder's name at test
# time); the GPS case is the project's own Radarcape fixture behind a status
# frame whose GPS bit is set.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - Mode S time anchoring (sqlite3 missing)"; exit 0; }
day() { sqlite3 "$1" "SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%S', min(t_ms) / 1000.0, 'unixepoch'), '-') || ' ' || count(*) FROM pos"; }

# Radarcape GPS time of day: a status frame (0x1a '4', 6 + 1 bytes, 14 data
# bytes, data[0] bit 4 = GPS timestamps), then frames at 10:00:01.75 UTC
G=$GT_ROOT/tests/golden/modes_decode_beast_gps/input.beast
{ printf '\x1a\x34\x00\x00\x00\x00\x00\x00\x00\x10'; head -c 13 /dev/zero; cat "$G"; } > "$T/radarcape.bin"
"$GT_BIN" ingest --db "$T/g.db" "$T/radarcape.bin" 2> "$T/gerr"
rc=$?
check "GPS time of day without a date is refused" \
    '[ $rc -eq 1 ] && grep -q "GPS time of day but no date: give --start-time" "$T/gerr" && [ "$(day "$T/g.db")" = "- 0" ]'
"$GT_BIN" ingest -q --db "$T/g.db" --start-time 2018-04-03 "$T/radarcape.bin"
rc=$?
check "GPS time of day on the --start-time date ($(day "$T/g.db"))" \
    '[ $rc -eq 0 ] && [ "$(day "$T/g.db")" = "2018-04-03T10:00:01 1" ]'
"$GT_BIN" ingest -q --db "$T/g2.db" --start-time 2018-04-03T23:30:00Z "$T/radarcape.bin"
check "a time of day long before the start's is the next day ($(day "$T/g2.db"))" \
    '[ "$(day "$T/g2.db")" = "2018-04-04T10:00:01 1" ]'

# AVR without any time stamp: refused as no-time
printf '*8d4d2023991094ad487c14fc9e3d;\n*8d4d202358792453ef858bae7fc9;\n*8f4d20235877d0bc7d99551e27ca;\n' > "$T/untimed.avr"
"$GT_BIN" ingest --db "$T/u.db" --start-time 2018-04-03 "$T/untimed.avr" 2> "$T/uerr"
rc=$?
check "AVR without time stamps is refused as no-time" \
    '[ $rc -eq 1 ] && grep -q "no time stamp at all" "$T/uerr" && [ "$(day "$T/u.db")" = "- 0" ]'

# AIS NMEA without any time (the project's fixture's bare sentences): refused
# as no-time with the fix; --start-time with --assume-line-rate is the
# explicit guess, one line every 1/N s
grep '^!AI' "$GT_ROOT/tests/golden/ais_ndjson/input.nmea" | grep -v ',r003669945,' > "$T/untimed.nmea"
"$GT_BIN" ingest --db "$T/n.db" "$T/untimed.nmea" 2> "$T/nerr"
rc=$?
check "untimed NMEA is refused as no-time, naming the fix" \
    '[ $rc -eq 1 ] && grep -q "rejected as no-time" "$T/nerr" && grep -q -- "--assume-line-rate" "$T/nerr"'
"$GT_BIN" ingest --db "$T/n.db" --assume-line-rate 2 "$T/untimed.nmea" 2> /dev/null
check "--assume-line-rate alone is a usage error" '[ $? -eq 2 ]'
"$GT_BIN" ingest -q --db "$T/n.db" --start-time 2020-01-01T00:00:00Z --assume-line-rate 2 "$T/untimed.nmea"
rc=$?
t=$(sqlite3 "$T/n.db" "SELECT group_concat(t_ms - 1577836800000, ' ') FROM (SELECT t_ms FROM pos ORDER BY t_ms)")
check "--start-time with --assume-line-rate 2 places line k at k/2 s ($t)" '[ $rc -eq 0 ] && [ "$t" = "0 500 4500" ]'
printf '\\c:1577836800*54\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n' > "$T/mixed.nmea"
cat "$T/untimed.nmea" >> "$T/mixed.nmea"
"$GT_BIN" ingest -q --db "$T/m.db" "$T/mixed.nmea" 2> "$T/merr"
check "a log partly untimed warns how many records had no time" \
    'grep -q "records carry no time and were not stored" "$T/merr"'

B=${GT_SHARED:-}/modes/samples/traffic_sample_dump1090.beast
if [ ! -r "$B" ]; then
    echo "skip - dump1090 Beast capture (no $B)"
    exit 0
fi
cp "$B" "$T/capture.beast"
DB=$T/b.db
"$GT_BIN" ingest --db "$DB" "$T/capture.beast" 2> "$T/err1"
rc=$?
check "a 12 MHz capture without an anchor exits 1" '[ $rc -eq 1 ]'
check "the refusal names --start-time and the file-name epoch" \
    'grep -q "no-clock-anchor" "$T/err1" && grep -q -- "--start-time" "$T/err1" && grep -q "utc--" "$T/err1"'
check "nothing stored in 1970" '[ "$(day "$DB")" = "- 0" ]'

N=$T/ulss7-beast-bin-utc--1522782148.136310917--.log
cp "$B" "$N"
"$GT_BIN" ingest -q --db "$DB" "$N"
rc=$?
check "the same bytes named with their epoch are stored ($(day "$DB"))" \
    '[ $rc -eq 0 ] && [ "$(day "$DB" | cut -c1-13)" = "2018-04-03T19" ]'
first=$(sqlite3 "$DB" "SELECT min(first_ms) FROM facts")
check "the first frame is at the file-name epoch ($first)" '[ "$first" = 1522782148136 ]'
span=$(sqlite3 "$DB" "SELECT max(t_ms) - min(t_ms) FROM pos")
"$GT_BIN" ingest -q --db "$T/c.db" --start-time 2018-04-03T19:00:00Z "$T/capture.beast"
rc=$?
check "--start-time anchors it ($(day "$T/c.db"))" \
    '[ $rc -eq 0 ] && [ "$(day "$T/c.db" | cut -c1-16)" = "2018-04-03T19:00" ] &&
     [ "$(sqlite3 "$T/c.db" "SELECT min(first_ms) FROM facts")" = 1522782000000 ]'
check "and keeps the counter's spacing ($span ms)" \
    '[ "$(sqlite3 "$T/c.db" "SELECT max(t_ms) - min(t_ms) FROM pos")" = "$span" ]'

# A live Beast feed is anchored to this machine's clock at the connection
if command -v python3 >/dev/null; then
    cat > "$T/server.py" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(20)
c, _ = s.accept()
c.sendall(open(sys.argv[2], "rb").read())
time.sleep(20)
PY
    python3 "$T/server.py" "$T/port" "$B" &
    srv=$!
    for _ in $(seq 1 50); do [ -s "$T/port" ] && break; sleep 0.1; done
    before=$(date +%s)
    "$GT_BIN" ingest -q --db "$T/live.db" "tcp://127.0.0.1:$(cat "$T/port")" 2> /dev/null &
    ing=$!
    for _ in $(seq 1 50); do
        [ "$(sqlite3 "$T/live.db" "SELECT count(*) FROM pos" 2>/dev/null)" = 3 ] && break
        sleep 0.1
    done
    kill -INT $ing; wait $ing 2>/dev/null
    kill $srv 2>/dev/null; wait $srv 2>/dev/null
    t0=$(sqlite3 "$T/live.db" "SELECT min(t_ms) / 1000 FROM pos")
    check "a live Beast feed is placed at the connection time ($t0, from $before)" \
        '[ -n "$t0" ] && [ "$t0" -ge "$before" ] && [ "$t0" -le $((before + 60)) ]'
fi
"$GT_BIN" ingest -q --db "$T/d.db" --start-time 20180403 "$T/capture.beast" 2> /dev/null
check "--start-time rejects what it cannot read" '[ $? -eq 2 ]'
