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
# gpsd's daemon regression logs (real receiver data, NL 2020): the AIS
# objects of the expected output, in order, without the device field.
for f in ais-nmea.log ais-nmea-type6-fid55.log ais_unpack_sixbit.log; do
    if [ ! -r "$D/$f.chk" ]; then
        echo "skip - ais gpsd daemon log $f (absent)"
        continue
    fi
    n=$(diff <(grep '"class":"AIS"' "$D/$f.chk" | tr -d '\r') \
        <("$GT_BIN" decode --gpsd --unscaled "$D/$f" 2>/dev/null | tr -d '\r' |
            sed 's/"device":"stdin",//') | grep -c '^[<>]')
    if [ "$n" = 0 ]; then
        echo "ok - ais gpsd daemon log $f: 0 differing lines"
    else
        echo "# $f: $n differing lines"
        echo "not ok - ais gpsd daemon log $f"
    fi
done
