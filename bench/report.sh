#!/usr/bin/env bash
# bench/report.sh - `ghosttrack report` on a store of 10^6 positions (or
# LINES), before and after: the evidence read path (#16.2).
#
#   bench/report.sh [LINES] [BEFORE_BINARY]
#
# The feed is bench/ingest_nmea's (3,000 vessels, tag blocks, type 5 every
# six minutes), written once to $GT_BENCH_DIR (default /tmp/gt_bench_report)
# and kept; it is ingested and detected with build/ghosttrack.  Then
# report runs (best of 3, wall and peak RSS) on:
#   copies     the store as detect leaves it (cited records kept in
#              evidence_raw: only the input's hash is read back)
#   no copies  the same store with evidence_raw emptied: every shown record
#              read from the verified input (one open per input, pread)
#   before     BEFORE_BINARY (e.g. a build of an older main) on a copy of
#              the store, when given (an older binary reopens the input and
#              gzseeks for every record)
# and prints the ratios.  The reports of copies and no copies must be
# byte-identical (checked).
set -u
LINES=${1:-1000000}
BEFORE=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GT=$ROOT/build/ghosttrack
D=${GT_BENCH_DIR:-/tmp/gt_bench_report}
mkdir -p "$D"
FEED=$D/gt_bench_feed.nmea
if [ ! -s "$FEED" ] || [ "$(cat "$D/lines" 2>/dev/null)" != "$LINES" ]; then
    make -s -C "$ROOT" build/bench/ingest_nmea >/dev/null || exit 1
    # writes the feed and keeps it (its own ingest timings are not used here)
    "$ROOT/build/bench/ingest_nmea" "$LINES" "$D" keep > /dev/null || exit 1
    echo "$LINES" > "$D/lines"
fi
rm -f "$D"/r.db* "$D"/bare.db* "$D"/old.db*
"$GT" ingest -q --db "$D/r.db" "$FEED" || exit 1
"$GT" detect --db "$D/r.db" > /dev/null || exit 1
sqlite3 "$D/r.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
cp "$D/r.db" "$D/bare.db"
sqlite3 "$D/bare.db" "DELETE FROM evidence_raw" || exit 1
npos=$(sqlite3 "$D/r.db" "SELECT count(*) FROM pos")
nev=$(sqlite3 "$D/r.db" "SELECT count(*) FROM events")
nrec=$(sqlite3 "$D/r.db" "SELECT count(*) FROM evidence")

# best of 3: prints "seconds peak_kb"
best() {
    local b="" m="" i out
    for i in 1 2 3; do
        /usr/bin/time -o "$D/time" -f "%e %M" "$@" > /dev/null 2>&1 || return 1
        out=$(tail -1 "$D/time")
        if [ -z "$b" ] || awk "BEGIN{exit !(${out% *} < $b)}"; then b=${out% *}; m=${out#* }; fi
    done
    echo "$b $m"
}
echo "store: $npos positions, $nev events, $nrec evidence records; input $(stat -c %s "$FEED") bytes"
a=$(best "$GT" report --db "$D/r.db" --out "$D/a.html")
n=$(best "$GT" report --db "$D/bare.db" --out "$D/n.html")
cmp -s "$D/a.html" "$D/n.html" && same=yes || same=NO
printf "report, copies:     %6.2f s  %7d KB\n" ${a% *} ${a#* }
printf "report, no copies:  %6.2f s  %7d KB  (byte-identical to copies: %s)\n" ${n% *} ${n#* } "$same"
if [ -n "$BEFORE" ]; then
    cp "$D/bare.db" "$D/old.db"
    sqlite3 "$D/old.db" "DROP TABLE evidence_raw; PRAGMA user_version = 2" || exit 1
    o=$(best "$BEFORE" report --db "$D/old.db" --out "$D/o.html")
    printf "report, before:     %6.2f s  %7d KB\n" ${o% *} ${o#* }
    awk -v o=${o% *} -v a=${a% *} -v n=${n% *} \
        'BEGIN{printf "before / after: %.2fx with copies, %.2fx reading the input\n", o/a, o/n}'
fi
