#!/usr/bin/env bash
# scripts/fuzz.sh DIR SECONDS TARGET... - run each libFuzzer target for
# SECONDS on a scratch copy of its checked-in corpus.  Prints executions per
# target; exits non-zero if any target crashed (the input is kept in
# DIR/crashes/ - minimise it and add it to the corpus with the fix).
set -u
DIR=$1 SECS=$2
shift 2
status=0
mkdir -p "$DIR/crashes"
for t in "$@"; do
    work="$DIR/corpus-$t"
    mkdir -p "$work"
    log="$DIR/$t.log"
    "$DIR/$t" -max_total_time="$SECS" -print_final_stats=1 -rss_limit_mb=2048 \
        -artifact_prefix="$DIR/crashes/$t-" "$work" "tests/fuzz/corpus/$t" > "$log" 2>&1
    rc=$?
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    if [ $rc -eq 0 ]; then
        echo "fuzz: $t: ok, ${execs:-?} executions in ${SECS}s"
    else
        echo "fuzz: $t: FAILED (exit $rc), see $log"
        tail -40 "$log"
        status=1
    fi
done
exit $status
