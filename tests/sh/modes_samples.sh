#!/usr/bin/env bash
# Real Mode S captures from $GT_SHARED/modes/samples through `ghosttrack
# decode`: every frame accounted for in the summary line, the expected
# framing detected, valid NDJSON, and plausible position counts.  Skips when
# the shared data is absent.
set -u
S=${GT_SHARED:-}/modes/samples
if [ ! -d "$S" ]; then
    for n in avr beast sbs epochhex commb; do echo "skip - modes sample $n (no \$GT_SHARED)"; done
    exit 0
fi
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# check NAME FILE MIN_ACCEPTED MIN_POSITIONS [decode options...]
check() {
    local name=$1 file=$2 min_acc=$3 min_pos=$4
    shift 4
    if ! "$GT_BIN" decode "$@" "$S/$file" > "$out" 2> "$err"; then
        echo "# $(cat "$err")"
        echo "not ok - modes sample $name: exit status"
        return
    fi
    local line acc rej pos lines
    line=$(tail -1 "$err")
    acc=$(sed -n 's/^modes: [0-9]* frames, \([0-9]*\) accepted.*/\1/p' <<<"$line")
    rej=$(sed -n 's/^modes: [0-9]* frames, [0-9]* accepted, \([0-9]*\) rejected.*/\1/p' <<<"$line")
    pos=$(sed -n 's/.* \([0-9]*\) positions, .*/\1/p' <<<"$line")
    lines=$(wc -l < "$out")
    if [ -z "$acc" ] || [ "$acc" -lt "$min_acc" ] || [ "${pos:-0}" -lt "$min_pos" ]; then
        echo "# $line"
        echo "not ok - modes sample $name: accepted ${acc:-?} (want >= $min_acc), positions ${pos:-?} (want >= $min_pos)"
        return
    fi
    if [ "$lines" -ne "$acc" ] && [ "$*" = "" ]; then
        echo "# $lines objects for $acc accepted frames"
        echo "not ok - modes sample $name: one object per accepted frame"
        return
    fi
    if command -v python3 > /dev/null && ! python3 -c '
import json, sys
for l in open(sys.argv[1]):
    json.loads(l)' "$out"; then
        echo "not ok - modes sample $name: invalid JSON"
        return
    fi
    echo "ok - modes sample $name ($line; rejected $rej)"
}

check avr antirez_modes1_demod.avr 210 50
check beast traffic_sample_dump1090.beast 225 3
check sbs npm_sbs1_msgs.sbs 4184 70
check epochhex pymodes_sample_data_adsb.csv 2000 900
# DF20 replies alone: no address is confirmed, so all are rejected as unknown_ap
"$GT_BIN" decode "$S/pymodes_sample_data_commb_df20.csv" > "$out" 2> "$err"
if grep -q '^modes: 5000 frames, 0 accepted, 5000 rejected (unknown_ap 5000)' "$err" && [ ! -s "$out" ]; then
    echo "ok - modes sample commb"
else
    echo "# $(tail -1 "$err")"
    echo "not ok - modes sample commb: unconfirmed address/parity replies must all be rejected"
fi
