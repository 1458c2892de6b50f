#!/usr/bin/env bash
# Headless Chromium opens HTML reports and checks they work offline: map
# drawn, events table populated, a click shows the evidence, no console
# error, no request leaves the page; screenshots go to BUILD/.
#
#   1. the fixture of tests/unit/test_report.c (written through
#      GT_REPORT_SAMPLE): also filters, sorting, and the hostile vessel name
#      and raw line shown as text with no alert; BUILD/report.png.
#   2. the report of `ghosttrack demo`, run in a scratch folder, when the
#      demo is available ("skip" otherwise); BUILD/report-demo.png.
#   GT_REPORT_HTML=file checks that file instead of the demo's.
#
# Needs Debian's chromium and node_modules/playwright-core (both installed by
# scripts/install-deps.sh); prints "skip - ..." without them.
set -u
cd "$GT_ROOT" || exit 1
name="html report in headless chromium"
if [ ! -x /usr/bin/chromium ]; then
    echo "skip - $name (no /usr/bin/chromium)"
    exit 0
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ]; then
    echo "skip - $name (no node or node_modules/playwright-core)"
    exit 0
fi
build=$(dirname "$GT_BIN")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check REPORT SHOT MODE LABEL: one browser run (Chromium's crash reporter
# and caches go to the scratch folder too).
check() {
    rm -rf "$tmp/profile"
    HOME=$tmp timeout 180 node tests/browser/report_check.js "$1" "$2" "$tmp/profile" "$3" "$4" 2>&1
    [ $? -eq 124 ] && echo "not ok - $4: $name (timed out)"
}

if GT_REPORT_SAMPLE=$tmp/report.html "$build/tests/test_report" | grep -q '^ok - sample'; then
    check "$tmp/report.html" "$build/report.png" fixture fixture
else
    echo "not ok - fixture: $name (tests/unit/test_report could not write the sample report)"
fi

if [ -n "${GT_REPORT_HTML:-}" ]; then
    check "$GT_REPORT_HTML" "$build/report-given.png" any given
    exit 0
fi
mkdir -p "$tmp/demo"
(cd "$tmp/demo" && timeout 300 "$GT_BIN" demo >out.txt 2>err.txt)
rc=$?
# The demo, or a command it runs, may not have landed yet (partial merges).
if [ $rc -ne 0 ] && grep -q 'not available yet' "$tmp/demo/err.txt" "$tmp/demo/out.txt"; then
    echo "skip - demo: $name (ghosttrack demo or a step of it is not available yet)"
    exit 0
fi
html=$(grep -oE '[^[:space:]]+\.html' "$tmp/demo/out.txt" | tail -1)
case $html in
"") ;;
/*) ;;
*) html=$tmp/demo/$html ;;
esac
if [ $rc -ne 0 ] || [ -z "$html" ] || [ ! -f "$html" ]; then
    echo "# ghosttrack demo exited $rc; output:"
    tail -20 "$tmp/demo/out.txt" "$tmp/demo/err.txt" | sed 's/^/# /'
    echo "not ok - demo: $name (no report from ghosttrack demo)"
    exit 0
fi
check "$html" "$build/report-demo.png" any demo
exit 0
