#!/usr/bin/env bash
# bench/scale.sh [--huge] [--sizes "N..."] [BIN] - the whole program at
# archive scale (#16): `ingest`, `detect` and `report` on stores of 10^5,
# 10^6 and 10^7 positions (and 10^8 with --huge), one table.
#
# The input is bench/ingest_nmea's feed: a time-ordered AIS shore network
# log (3,000 vessels, a position every 10 s each, type 5 static data every
# six minutes, tag blocks with station and time), about 0.95 positions a
# line, generated on the fly for each size and deleted after it (10^8 lines
# are ~7.6 GB of NMEA and a ~5 GB store: make sure $GT_BENCH_DIR has room).
#
# For every step: wall seconds, CPU seconds (user + system), peak RSS and
# bytes written per stored position, from GNU time (%O: 512-byte blocks
# the process wrote to the file system, the kernel's write_bytes).  Times
# on a shared machine: the 1-minute load is printed with every row.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES="100000 1000000 10000000"
while [ $# -gt 0 ]; do
    case $1 in
    --huge) SIZES="$SIZES 100000000"; shift ;;
    --sizes) SIZES=$2; shift 2 ;;
    *) break ;;
    esac
done
BIN=${1:-$ROOT/build/ghosttrack}
D=${GT_BENCH_DIR:-${TMPDIR:-/tmp}/gt_bench_scale}
GEN=$ROOT/build/bench/ingest_nmea
if [ ! -x "$BIN" ] || [ ! -x "$GEN" ]; then echo "bench/scale: build first (make bench)"; exit 1; fi
mkdir -p "$D"

# step LABEL NPOS CMD...: one row of the table
step() {
    local label=$1 npos=$2 out
    shift 2
    /usr/bin/time -o "$D/time" -f '%e %U %S %M %O' "$@" > /dev/null 2> "$D/err" || {
        echo "bench/scale: $label failed:"; tail -3 "$D/err"; return 1
    }
    out=$(tail -1 "$D/time")
    set -- $out
    awk -v l="$label" -v n="$npos" -v e="$1" -v u="$2" -v s="$3" -v m="$4" -v o="$5" \
        -v ld="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN{printf "%-8s %12d %9.2f %9.2f %9.0f %12.1f %6s\n", l, n, e, u + s, m / 1024, (n > 0 ? o * 512 / n : 0), ld}'
}

printf "%-8s %12s %9s %9s %9s %12s %6s\n" step positions wall_s cpu_s rss_MB wr_B/pos load
for n in $SIZES; do
    rm -f "$D"/s.db* "$D"/r.html "$D"/gt_bench_feed.nmea
    "$GEN" "$n" "$D" feed > /dev/null || exit 1
    # positions are known only once stored: ingest's row uses the line count
    # first, then every row is printed against the stored positions
    /usr/bin/time -o "$D/time.ingest" -f '%e %U %S %M %O' "$BIN" ingest -q --db "$D/s.db" \
        "$D/gt_bench_feed.nmea" > /dev/null 2> "$D/err" || { tail -3 "$D/err"; exit 1; }
    rm -f "$D"/gt_bench_feed.nmea
    npos=$(sqlite3 "$D/s.db" "SELECT count(*) FROM pos" 2> /dev/null || echo 0)
    set -- $(tail -1 "$D/time.ingest")
    awk -v l=ingest -v n="$npos" -v e="$1" -v u="$2" -v s="$3" -v m="$4" -v o="$5" \
        -v ld="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN{printf "%-8s %12d %9.2f %9.2f %9.0f %12.1f %6s\n", l, n, e, u + s, m / 1024, (n > 0 ? o * 512 / n : 0), ld}'
    step detect "$npos" "$BIN" detect --db "$D/s.db" || exit 1
    step report "$npos" "$BIN" report --db "$D/s.db" --out "$D/r.html" || exit 1
    rm -f "$D"/s.db* "$D"/r.html
done
