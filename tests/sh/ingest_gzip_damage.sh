#!/usr/bin/env bash
# A damaged gzip input keeps every record before the damage (issue #15,
# item 3): a bad CRC trailer loses nothing, a corrupt block in the middle
# loses only what follows it, a small file with a bad trailer is still
# recognised, and each is counted ("corrupt-gzip") and left resumable
# (not complete) instead of marked complete.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - damaged gzip (sqlite3 missing)"; exit 0; }
command -v python3 >/dev/null || { echo "skip - damaged gzip (python3 missing)"; exit 0; }
q() { sqlite3 "$1" "$2"; }

lines() { # count: unique ndjson positions
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
        printf "{\"id\":\"mmsi:%d\",\"lat\":%.6f,\"lon\":%.6f,\"t\":\"2020-01-01T%02d:%02d:%02dZ\"}\n",
            200000000 + i % 50, 50 + (i % 1000) / 1000.0, 5 + i / 40000.0, (i / 3600) % 24, (i / 60) % 60, i % 60 }'
}
# flip one byte of file $1 at offset $2 (negative: from the end)
flip() { python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 0xff; open(p, "wb").write(b)' "$1" "$2"; }

lines 40000 | gzip -c > "$T/crc.ndjson.gz"
flip "$T/crc.ndjson.gz" -8                      # the CRC-32 of the trailer
lines 1000 | gzip -c > "$T/small.ndjson.gz"
flip "$T/small.ndjson.gz" -8
# a corrupt block: the first 20000 lines end in a full flush (the next
# block starts on a byte boundary), whose first byte is then made a
# reserved block type (RFC 1951 BTYPE 11): inflate fails right there
lines 40000 > "$T/orig"
python3 -c 'import sys, zlib
lines = open(sys.argv[1], "rb").read().splitlines(True)
c = zlib.compressobj(6, zlib.DEFLATED, 31)
out = c.compress(b"".join(lines[:20000])) + c.flush(zlib.Z_FULL_FLUSH)
at = len(out)
out = bytearray(out + c.compress(b"".join(lines[20000:])) + c.flush())
out[at] = 0x07
open(sys.argv[2], "wb").write(out)' "$T/orig" "$T/mid.ndjson.gz"
timeout -k 5 20 "$GT_BIN" ingest --db "$T/crc.db" "$T/crc.ndjson.gz" 2> "$T/err1"
rc=$?
check "bad CRC: exit 0" '[ $rc -eq 0 ]'
check "bad CRC: all 40000 positions kept" '[ "$(q "$T/crc.db" "SELECT count(*) FROM pos")" = 40000 ]'
check "bad CRC: the damage is counted" 'grep -q "corrupt-gzip *1" "$T/err1"'
check "bad CRC: not marked complete" '[ "$(q "$T/crc.db" "SELECT complete FROM inputs")" = 0 ]'
timeout -k 5 20 "$GT_BIN" ingest --db "$T/crc.db" "$T/crc.ndjson.gz" 2> "$T/err1b"
check "bad CRC: a rerun adds nothing twice" '[ "$(q "$T/crc.db" "SELECT count(*) FROM pos")" = 40000 ]'

timeout -k 5 20 "$GT_BIN" ingest --db "$T/small.db" "$T/small.ndjson.gz" 2> "$T/err2"
rc=$?
check "small bad CRC: exit 0" '[ $rc -eq 0 ]'
check "small bad CRC: not unknown format" '! grep -q "unknown-format" "$T/err2"'
check "small bad CRC: all 1000 positions kept" '[ "$(q "$T/small.db" "SELECT count(*) FROM pos")" = 1000 ]'
check "small bad CRC: not marked complete" '[ "$(q "$T/small.db" "SELECT complete FROM inputs")" = 0 ]'

timeout -k 5 20 "$GT_BIN" ingest --db "$T/mid.db" "$T/mid.ndjson.gz" 2> "$T/err3"
rc=$?
got=$(q "$T/mid.db" "SELECT count(*) FROM pos")
check "corrupt block: exit 0" '[ $rc -eq 0 ]'
check "corrupt block: all 20000 positions before the damage kept ($got)" '[ "$got" = 20000 ]'
check "corrupt block: the damage is counted" 'grep -q "corrupt-gzip *1" "$T/err3"'
check "corrupt block: not marked complete" '[ "$(q "$T/mid.db" "SELECT complete FROM inputs")" = 0 ]'
