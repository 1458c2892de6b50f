#!/usr/bin/env bash
# The demo's detected events against the simulator's planted truth.
#
# For each seed: `ghosttrack demo` (simulate venezuela-2019 -> ingest each
# file as its own source -> ref --aircraft -> detect), then `events` from
# the store, matched to truth.json.
#
# Matching rule: a detected event matches a planted one when
#   - the type is the same (and the class below is the same),
#   - the subject is the same (encounters: subject/peer in either order;
#     the peer must match too),
#   - spoof: same detail.kind; identity: same detail.field,
#   - the intervals [start - SLACK, end + SLACK] overlap, SLACK = 30 min
#     (gap times are exact, encounter/loiter/port-call times are scripted
#     hold times that a 10-minute resampling finds within minutes, identity
#     events are instants).
# Matching is one-to-one, greedy in truth order.
#
# Classes: every type, plus `gap.suspected`, `encounter.dark`,
# `flight.dark` (the detected flag must equal the planted one).
# Precision = matched detected / detected of the class, recall = matched
# planted / planted of the class; both must be >= 0.9 for every class that
# has planted events.  Detected gaps that match a decoy gap and are not
# suspected are correct (truth lists them as benign) and leave the
# denominator; a suspected gap or any other event matching a decoy fails
# the decoy check.
set -u
GT_BIN=${GT_BIN:-./build/ghosttrack}
MIN=${DEMO_TRUTH_MIN:-0.9}
SEEDS=${DEMO_TRUTH_SEEDS:-"1 2"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v jq >/dev/null; then
    echo "skip - demo truth (no jq)"
    exit 0
fi

# shellcheck disable=SC2016
JQ='
def t: sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601;
def slack: 1800;
def cls:
  if .type == "gap" and (.detail.suspected // false) then ["gap", "gap.suspected"]
  elif .type == "encounter" and (.detail.dark // false) then ["encounter", "encounter.dark"]
  elif .type == "flight" and (.detail.dark // false) then ["flight", "flight.dark"]
  else [.type] end;
def same($a; $b):
  $a.type == $b.type
  and (($a.subject == $b.subject and (($a.type != "encounter") or $a.peer == $b.peer))
       or ($a.type == "encounter" and $a.subject == $b.peer and $a.peer == $b.subject))
  and (($a.type != "spoof") or $a.detail.kind == $b.detail.kind)
  and (($a.type != "identity") or $a.detail.field == $b.detail.field)
  and (($a.start | t) - slack <= ($b.end | t))
  and (($b.start | t) - slack <= ($a.end | t));
# greedy one-to-one: returns the number of matched pairs
def nmatch($truth; $det):
  reduce $truth[] as $x ({used: [], n: 0};
    . as $s
    | ([range(0; $det | length)] | map(select(. as $i | ($s.used | index([$i])) == null
          and same($x; $det[$i]))) | first) as $j
    | if $j == null then . else .used += [$j] | .n += 1 end) | .n;
($truth[0].events) as $T | ($truth[0].decoys) as $D | $det as $E
| ($E | map(select(. as $e | any($D[]; same(.; $e))))) as $hitdecoy
| ($hitdecoy | map(select(.type == "gap" and ((.detail.suspected // false) | not)))) as $benign
| ($hitdecoy | map(select((.type == "gap" and ((.detail.suspected // false) | not)) | not))) as $bad
| ($E | map(select(. as $e | ($benign | index([$e])) == null))) as $E2
| ([$T[] | cls[]] + [$E2[] | cls[]] | unique) as $C
| ($C[] as $c
   | ($T | map(select(cls | index([$c])))) as $tc
   | ($E2 | map(select(cls | index([$c])))) as $ec
   | nmatch($tc; $ec) as $m
   | [$c, ($tc | length), ($ec | length), $m] | @tsv),
  (["decoy", ($D | length), ($bad | length), ($bad | map(.type + " " + .subject) | join(", "))] | @tsv)
'

fail=0
for seed in $SEEDS; do
    out=$tmp/s$seed
    t0=$(date +%s)
    if ! "$GT_BIN" demo --out "$out" --seed "$seed" >"$tmp/demo.log" 2>&1; then
        echo "# $(tail -5 "$tmp/demo.log")"
        echo "not ok - demo truth seed $seed: demo failed"
        fail=1
        continue
    fi
    "$GT_BIN" events --db "$out/ghosttrack.db" | jq -s . >"$tmp/det.json"
    jq -r -n --slurpfile truth "$out/data/truth.json" --slurpfile det0 "$tmp/det.json" \
        "\$det0[0] as \$det | $JQ" >"$tmp/cmp.tsv" || {
        echo "not ok - demo truth seed $seed: matcher failed"
        fail=1
        continue
    }
    echo "# seed $seed: demo + match in $(($(date +%s) - t0)) s"
    while IFS=$'\t' read -r c nt ne m; do
        if [ "$c" = decoy ]; then
            if [ "$ne" = 0 ]; then
                echo "ok - demo truth seed $seed: $nt decoys yield no suspected gap or spurious event"
            else
                echo "# seed $seed decoys hit: $m"
                echo "not ok - demo truth seed $seed: $ne events on decoys"
                fail=1
            fi
            continue
        fi
        p=$(awk -v m="$m" -v n="$ne" 'BEGIN { printf "%.2f", n ? m / n : 1 }')
        r=$(awk -v m="$m" -v n="$nt" 'BEGIN { printf "%.2f", n ? m / n : 1 }')
        echo "# seed $seed $c: planted $nt detected $ne matched $m precision $p recall $r"
        [ "$nt" = 0 ] && continue
        if awk -v p="$p" -v r="$r" -v min="$MIN" 'BEGIN { exit !(p >= min && r >= min) }'; then
            echo "ok - demo truth seed $seed $c: precision $p recall $r"
        else
            echo "not ok - demo truth seed $seed $c: precision $p recall $r (min $MIN)"
            fail=1
        fi
    done <"$tmp/cmp.tsv"
done
exit $fail
