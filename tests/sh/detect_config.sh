#!/usr/bin/env bash
# detect --config refuses what is not a threshold (issue #15, item 11):
# every key the detectors read (found in the sources) is accepted at its
# default, and nan, inf, -1, 1e400, trailing junk, an unknown key and a key
# set twice are usage errors (exit 2) naming the file's line number.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
DB=$T/s.db
"$GT_BIN" ingest -q --db "$DB" "$GT_ROOT/tests/data/ingest/evil.ndjson" > /dev/null 2>&1

# every "family.name" a detector passes to gt_params_num / gt__sea_num, with its default
grep -rhoE '(gt__sea_num|gt_params_num)\([^;]*"[a-z_]+\.[a-z_0-9]+", *[0-9.]+' "$GT_ROOT/src" |
    sed -E 's/.*"([a-z_]+\.[a-z_0-9]+)", *([0-9.]+)$/\1 = \2/' | sort -u > "$T/all.conf"
n=$(wc -l < "$T/all.conf")
out=$("$GT_BIN" detect --no-reference --db "$DB" --config "$T/all.conf" 2>&1)
rc=$?
check "all $n settings the detectors read are accepted at their defaults" '[ $n -gt 60 ] && [ $rc -eq 0 ]'
[ $rc -eq 0 ] || echo "# $out"
# the keys read with a computed default (seg.max_hours, ...) are accepted too
for k in seg.max_hours seg.max_speed_kn seg.noise_km; do
    printf '%s = 1\n' "$k" > "$T/one.conf"
    "$GT_BIN" detect --no-reference --db "$DB" --config "$T/one.conf" > /dev/null 2>&1
    check "setting $k is accepted" '[ $? -eq 0 ]'
done

bad() { # label, value line, expected message part
    printf '# thresholds\n\ngap.min_hours = 12\n%s\n' "$2" > "$T/bad.conf"
    out=$("$GT_BIN" detect --no-reference --db "$DB" --config "$T/bad.conf" 2>&1)
    rc=$?
    check "$1: usage error (exit 2) on line 4" "[ \$rc -eq 2 ] && grep -q \"bad.conf: line 4: \" <<<\"\$out\""
    want=$3
    check "$1: the message says $3" 'grep -q -- "$want" <<<"$out"'
}
bad "nan" "gap.suspected_min_hours = nan" "expected a number above 0"
bad "inf" "gap.suspected_min_hours = inf" "expected a number above 0"
bad "a negative duration" "enc.min_hours = -1" "above 0"
bad "1e400" "enc.max_distance_m = 1e400" "at most"
bad "trailing junk" "enc.max_distance_m = 5x" "'5x'"
bad "an empty value" "enc.max_distance_m =" "expected a number"
bad "an unknown key" "gap.min_hourz = 5" "unknown setting 'gap.min_hourz'"
bad "a fraction over 1" "air_gap.coverage_min = 1.5" "from 0 to 1"
bad "a fractional count" "anch.min_vessels = 2.5" "whole number"
bad "a flag of 2" "seg.split_class = 2" "0 or 1"
bad "a key set twice" "gap.min_hours = 6" "set twice"
bad "no '='" "gap.min_hours 6" "expected 'name = value'"
