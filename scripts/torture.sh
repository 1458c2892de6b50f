#!/usr/bin/env bash
# scripts/torture.sh BUILD - make every allocation of every unit test fail in
# turn (GT_FAILALLOC=N for N = 1 .. the test's allocation count) and require
# that the test only ever fails cleanly: exit 0 or 1, never a crash, abort or
# sanitizer report (curl's torture tests, Lua's MEMLIMIT).  Build with
# SANITIZE=address,undefined for leak and memory-error checks:
#   make SANITIZE=address,undefined BUILD=build/asan torture
# TORTURE_TESTS="test_io test_json" limits the run to those tests (the
# gzip reader: test_io, test_ingest_torture; streaming JSON: test_json,
# test_ingest_torture).  One line per test, then the total.
set -u
BUILD=${1:-build}
export GT_ROOT=${GT_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=99}
bad=0 runs=0
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if [ -n "${TORTURE_TESTS:-}" ] && ! grep -qw -- "$name" <<<"$TORTURE_TESTS"; then
        continue
    fi
    total=$(GT_ALLOCCOUNT=1 "$t" 2>&1 >/dev/null | sed -n 's/^allocations: //p')
    tbad=0
    for ((n = 1; n <= ${total:-0}; n++)); do
        GT_FAILALLOC=$n "$t" > /dev/null 2>&1
        rc=$?
        runs=$((runs + 1))
        if [ $rc -gt 1 ]; then
            echo "torture: $name with allocation $n failing: exit $rc"
            bad=$((bad + 1)) tbad=$((tbad + 1))
        fi
    done
    echo "torture: $name: ${total:-0} allocation sites, $tbad crashed"
done
echo "torture: $runs runs, $bad crashed"
[ $bad -eq 0 ]
