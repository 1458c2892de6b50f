#!/usr/bin/env bash
# scripts/fuzz.sh [-s SECONDS] [-d DIR] [-j JOBS] [-n] [TARGET...] - run
# libFuzzer targets (tests/fuzz/fuzz_*.c) under ASan + UBSan, each for
# SECONDS (default 600) on a scratch copy of its checked-in corpus (the
# checked-in corpus is read, never written), and print one table row per
# target: executions, executions per second, corpus size, crashes.
#
#   -s SECONDS  time per target (default 600; FUZZ_SECONDS also sets it)
#   -d DIR      fuzz build (default build/fuzz; built with `make fuzz-build`
#               when a target is missing there)
#   -j JOBS     targets run at once (default 1)
#   -n          do not nice(1) the fuzzers (they run at nice 10 by default)
#   TARGET...   target names (default: every tests/fuzz/fuzz_*.c)
#
# A crash, a sanitizer report, a leak, a hang (-timeout) or running out
# of memory (-rss_limit_mb) ends that target and fails the run; the input
# is kept in DIR/crashes/TARGET-* (minimise it with -minimize_crash=1, add
# it to tests/fuzz/corpus/TARGET/ with the fix).  Exit status: 0 when no
# target crashed.  Each target's log is DIR/TARGET.log.
set -u
cd "$(dirname "$0")/.." || exit 1
SECS=${FUZZ_SECONDS:-600} DIR=build/fuzz JOBS=1 NICE=(nice -n 10)
while getopts s:d:j:nh o; do
    case $o in
    s) SECS=$OPTARG ;;
    d) DIR=$OPTARG ;;
    j) JOBS=$OPTARG ;;
    n) NICE=() ;;
    *) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
case $SECS$JOBS in *[!0-9]*) echo "fuzz: SECONDS and JOBS are whole numbers" >&2; exit 2 ;; esac
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi
missing=0
for t in "${targets[@]}"; do
    [ -f "tests/fuzz/$t.c" ] || { echo "fuzz: no target '$t' (tests/fuzz/$t.c)" >&2; exit 2; }
    [ -x "$DIR/$t" ] || missing=1
done
if [ $missing = 1 ]; then
    make fuzz-build FUZZ_BUILD="$DIR" > "$DIR.build.log" 2>&1 ||
        { tail -30 "$DIR.build.log"; echo "fuzz: build failed (see $DIR.build.log)" >&2; exit 1; }
fi
mkdir -p "$DIR/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() { # target -> DIR/target.result: "rc execs corpus crashes"
    local t=$1 work="$DIR/corpus-$1" log="$DIR/$1.log" rc execs n crashes before
    mkdir -p "$work"
    before=$(find "$DIR/crashes" -name "$t-*" 2>/dev/null | wc -l)
    "${NICE[@]}" "$DIR/$t" -max_total_time="$SECS" -print_final_stats=1 -rss_limit_mb=2048 \
        -timeout=30 -artifact_prefix="$DIR/crashes/$t-" "$work" "tests/fuzz/corpus/$t" \
        > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    n=$(find "$work" -type f | wc -l)
    crashes=$(( $(find "$DIR/crashes" -name "$t-*" 2>/dev/null | wc -l) - before ))
    [ $rc -ne 0 ] && [ $crashes -eq 0 ] && crashes=1
    echo "$rc ${execs:-0} $n $crashes" > "$DIR/$t.result"
}

running=0
for t in "${targets[@]}"; do
    rm -f "$DIR/$t.result"
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

status=0 total=0 total_crashes=0
printf '%-22s %8s %12s %9s %7s %8s  %s\n' target seconds executions exec/s corpus crashes status
for t in "${targets[@]}"; do
    read -r rc execs n crashes < "$DIR/$t.result"
    rate=$((execs / (SECS > 0 ? SECS : 1)))
    if [ "$rc" -eq 0 ]; then st=ok; else st="FAILED (exit $rc)"; status=1; fi
    printf '%-22s %8s %12s %9s %7s %8s  %s\n' "$t" "$SECS" "$execs" "$rate" "$n" "$crashes" "$st"
    total=$((total + execs)) total_crashes=$((total_crashes + crashes))
done
printf '%-22s %8s %12s %9s %7s %8s\n' total "$((SECS * ${#targets[@]}))" "$total" "" "" "$total_crashes"
# one line per target for CI logs (.ci/run greps '^fuzz:')
for t in "${targets[@]}"; do
    read -r rc execs n crashes < "$DIR/$t.result"
    if [ "$rc" -eq 0 ]; then
        echo "fuzz: $t: ok, $execs executions in ${SECS}s"
    else
        echo "fuzz: $t: FAILED (exit $rc), $crashes crash(es), see $DIR/$t.log"
        grep -m1 -A12 'ERROR\|SUMMARY\|deadly signal\|timeout' "$DIR/$t.log" | head -20
    fi
done
exit $status
