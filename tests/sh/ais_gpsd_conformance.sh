#!/usr/bin/env bash
# gpsd's own AIS regression file: `decode --gpsd` must reproduce
# sample.aivdm.js.chk and `--gpsd --unscaled` sample.aivdm.ju.chk exactly
# (0 differing lines).  Skips when ../shared/data is absent.
set -u
D=${GT_SHARED:-}/ais/gpsd
if [ ! -r "$D/sample.aivdm" ]; then
    echo "skip - ais gpsd conformance (no $D/sample.aivdm)"
    exit 0
fi
check() { # name expected args...
    local name=$1 want=$2 n
    shift 2
    n=$(diff <("$GT_BIN" decode "$@" "$D/sample.aivdm" 2>/dev/null) "$want" | grep -c '^[<>]')
    if [ "$n" = 0 ]; then
        echo "ok - $name: 0 differing lines"
    else
        echo "# $name: $n differing lines"
        echo "not ok - $name"
    fi
}
check "ais gpsd scaled (sample.aivdm.js.chk)" "$D/sample.aivdm.js.chk" --gpsd
check "ais gpsd unscaled (sample.aivdm.ju.chk)" "$D/sample.aivdm.ju.chk" --gpsd --unscaled
