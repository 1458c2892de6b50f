#!/usr/bin/env bash
# Headless Chromium opens an HTML report and checks it works offline: map
# drawn, events table populated, a click shows the evidence, filters work,
# the hostile vessel name shows as text, no alert, no console error, no
# request leaves the page.  Saves a screenshot as BUILD/report.png.
#
# The report is tests/unit/test_report.c's fixture (written through
# GT_REPORT_SAMPLE), or the file named by GT_REPORT_HTML (the demo's).
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
mode=fixture
if [ -n "${GT_REPORT_HTML:-}" ]; then
    cp "$GT_REPORT_HTML" "$tmp/report.html" || { echo "not ok - $name (cannot read $GT_REPORT_HTML)"; exit 0; }
    mode=any
elif ! GT_REPORT_SAMPLE=$tmp/report.html "$build/tests/test_report" | grep -q '^ok - sample'; then
    echo "not ok - $name (tests/unit/test_report could not write the sample report)"
    exit 0
fi
# Chromium's own crash reporter and caches go to the scratch directory too.
HOME=$tmp timeout 180 node tests/browser/report_check.js "$tmp/report.html" "$build/report.png" \
    "$tmp/profile" "$mode" 2>&1
rc=$?
if [ $rc -eq 124 ]; then
    echo "not ok - $name (timed out)"
fi
exit 0
