#!/usr/bin/env bash
# The README's `watch --replay` example on the demo: the command shown runs
# from a fresh demo folder, prints the alert line shown and exactly the
# summary shown, and a second run prints no alert (all sent already).
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R=${GT_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
block() { # the fenced block after marker $1
    awk -v m="<!-- $1 -->" '$0 == m { on = 1; next } on && /^```/ { if (in_) exit; in_ = 1; next } on && in_ { print }' "$R/README.md"
}
cmd=$(block watch-demo-command | sed 's/\\$//' | tr -d '\n')
[ -n "$cmd" ] || { echo "not ok - README shows the watch --replay command"; exit 0; }
(cd "$T" && "$GT_BIN" demo >/dev/null 2>&1) || { echo "not ok - the demo runs"; exit 0; }
cp -r "$R/examples" "$T/examples"
# shellcheck disable=SC2086
(cd "$T" && eval "\"$GT_BIN\" ${cmd#ghosttrack }" > "$T/out" 2> "$T/err")
rc=$?
[ "$rc" = 0 ] && echo "ok - the README's watch --replay command runs" || echo "not ok - the README's watch --replay command runs (rc $rc)"
if grep -qxF "$(block watch-demo-alert)" "$T/out"; then
    echo "ok - it prints the alert the README shows"
else
    echo "not ok - it prints the alert the README shows"
fi
if diff <(block watch-demo-summary) "$T/err" > "$T/d"; then
    echo "ok - its summary is the README's"
else
    sed 's/^/# /' "$T/d"
    echo "not ok - its summary is the README's"
fi
n=$(grep -c '' "$T/out")
[ "$n" = 24 ] && echo "ok - 24 alerts, as the README says" || echo "not ok - 24 alerts, as the README says ($n)"
# shellcheck disable=SC2086
(cd "$T" && eval "\"$GT_BIN\" ${cmd#ghosttrack }" > "$T/out2" 2> /dev/null)
[ ! -s "$T/out2" ] && echo "ok - a second run sends nothing again" || echo "not ok - a second run sends nothing again"
