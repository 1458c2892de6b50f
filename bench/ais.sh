#!/usr/bin/env bash
# bench/ais.sh [BIN] - AIS decoding throughput against Debian's gpsdecode on
# the same ~1 M-line corpus (../shared/data/ais/bench/base39687.nmea x 26,
# built in /tmp), in one run:
#   ghosttrack decode          (NDJSON to /dev/null)
#   ghosttrack decode --count  (decode only)
#   gpsdecode -u -c            (gpsd's fastest output, pipe-separated)
#   ghosttrack decode --gpsd   against gpsdecode -j: the same gpsd JSON-AIS
#                              (byte agreement is tests/sh/ais_gpsdecode_agreement.sh)
# Prints messages/s of each, the ratios, and peak RSS (GNU time).  Times are
# CPU seconds (user + system, best of 3): the machine is shared, and wall
# time there measures the neighbours as much as the program.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/ghosttrack}
SHARED=${GT_SHARED:-$ROOT/../shared/data}
BASE=$SHARED/ais/bench/base39687.nmea
CORPUS=${TMPDIR:-/tmp}/ghosttrack-ais-bench.nmea

if [ ! -r "$BASE" ]; then echo "bench/ais: skip - $BASE absent"; exit 0; fi
if [ ! -x "$BIN" ]; then echo "bench/ais: build first (make)"; exit 1; fi
if [ ! -s "$CORPUS" ]; then
    for _ in $(seq 26); do cat "$BASE"; done > "$CORPUS"
fi
LINES=$(wc -l < "$CORPUS")
TIME=/usr/bin/time

# run LABEL CMD... : best CPU time (user + sys) of 3 runs, peak RSS of the last
run() {
    local label=$1 best="" rss="" t out
    shift
    for _ in 1 2 3; do
        $TIME -o "$CORPUS.time" -f '%U %S %M' "$@" > /dev/null 2>&1
        out=$(tail -1 "$CORPUS.time")
        t=$(echo "$out" | awk '{printf "%.2f", $1 + $2}')
        rss=${out##* }
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
    done
    echo "$label $best $rss"
}

MSGS=$("$BIN" decode --count "$CORPUS" 2>&1 >/dev/null | sed -n 's/^ais: \([0-9]*\) messages.*/\1/p')
echo "corpus: $CORPUS, $LINES lines, $MSGS messages"
r1=$(run ndjson "$BIN" decode "$CORPUS")
r2=$(run count "$BIN" decode --count "$CORPUS")
if command -v gpsdecode > /dev/null; then
    r3=$(run gpsdecode sh -c "gpsdecode -u -c < '$CORPUS'")
else
    r3="gpsdecode - -"
fi
r4=$(run gpsd "$BIN" decode --gpsd "$CORPUS")
if command -v gpsdecode > /dev/null; then
    r5=$(run gpsdecode-j sh -c "gpsdecode -j < '$CORPUS' 2> /dev/null")
else
    r5="gpsdecode-j - -"
fi
report() {
    set -- $1
    if [ "$2" = "-" ]; then echo "$1: not installed"; return; fi
    awk -v l="$1" -v t="$2" -v r="$3" -v m="$MSGS" \
        'BEGIN{printf "%-10s %7.2f CPU-s %11.0f msg/s  peak RSS %d KiB\n", l, t, (t > 0 ? m / t : 0), r}'
}
report "$r1"; report "$r2"; report "$r3"; report "$r4"; report "$r5"
set -- $r3
g=$2
if [ "$g" != "-" ]; then
    set -- $r1; n=$2
    set -- $r2; c=$2
    awk -v g="$g" -v n="$n" -v c="$c" \
        'BEGIN{printf "ratio: ndjson %.1fx gpsdecode, decode-only %.1fx gpsdecode (target >= 5x)\n", g / n, g / c}'
fi
set -- $r5
if [ "$2" != "-" ]; then
    gj=$2
    set -- $r4
    awk -v g="$gj" -v n="$2" \
        'BEGIN{printf "bench: ais_gpsd_json %.2fx gpsdecode -j, limit 5.00x, ratio %.2f\n", g / n, g / n / 5}'
fi
