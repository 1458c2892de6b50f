#!/usr/bin/env bash
# tests/run.sh BUILD - run every test against the binaries in BUILD and print
# one summary line, "N passed, N failed[, N skipped]", the line CI reads.
#
#   unit      BUILD/tests/test_*          each "ok -" / "not ok -" line counts
#   golden    tests/golden/<case>/        CLI output diffed against expected files
#   fuzz      BUILD/fuzz-replay/fuzz_*    every corpus file replayed (no crash = pass)
#   scripts   tests/sh/*.sh               script tests, incl. checks on ../shared/data (skip when absent)
#
# GT_VALGRIND=1 runs the unit and golden binaries under valgrind memcheck.
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
export GT_ROOT=$ROOT
export GT_BIN=$ROOT/$BUILD/ghosttrack
export GT_SHARED=${GT_SHARED:-$ROOT/../shared/data}

pass=0 fail=0 skip=0
failed_names=()
VG=()
if [ "${GT_VALGRIND:-0}" = 1 ]; then
    VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
fi
export GT_VG="${VG[*]}"

count_output() { # $1 = label, stdin = TAP-like lines
    local label=$1 line
    while IFS= read -r line; do
        case $line in
        "ok - "*) pass=$((pass + 1)) ;;
        "not ok - "*) fail=$((fail + 1)); failed_names+=("$label: ${line#not ok - }"); echo "$label: $line" ;;
        "skip - "*) skip=$((skip + 1)) ;;
        "#"*) echo "$label: $line" ;;
        esac
    done
}

# Unit tests: a binary that dies (signal, sanitizer) without reporting counts as a failure.
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=$("${VG[@]}" "$t" 2>&1)
    rc=$?
    count_output "$name" <<<"$out"
    if [ $rc -ne 0 ] && ! grep -q '^not ok - ' <<<"$out"; then
        fail=$((fail + 1)); failed_names+=("$name: exited $rc")
        echo "$name: exited with status $rc"; echo "$out" | tail -20
    fi
done

# Golden CLI cases.
if [ -x tests/golden.sh ]; then
    count_output golden < <(tests/golden.sh "$GT_BIN")
fi

# Fuzz corpus replay.
for r in "$BUILD"/fuzz-replay/fuzz_*; do
    [ -x "$r" ] || continue
    name=$(basename "$r")
    dir=tests/fuzz/corpus/$name
    if [ ! -d "$dir" ]; then
        fail=$((fail + 1)); failed_names+=("$name: no corpus"); echo "$name: no corpus in $dir"
        continue
    fi
    if out=$("$r" "$dir" 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed_names+=("$name: replay crashed"); echo "$out" | tail -30
    fi
done

# Script tests (man page sync, conformance on ../shared/data, live I/O): each
# prints TAP-like lines and says "skip - ..." when what it needs is absent.
for c in tests/sh/*.sh; do
    [ -x "$c" ] || continue
    count_output "$(basename "$c" .sh)" < <("$c" 2>&1)
done

if [ ${#failed_names[@]} -gt 0 ]; then
    echo "failed:"
    printf '  %s\n' "${failed_names[@]}"
fi
if [ $skip -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
