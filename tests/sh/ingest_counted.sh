#!/usr/bin/env bash
# Every record ingest drops has a counted reason (issue #15, item 7): an
# AIS position report whose position is "not available" (lat 91, lon 181,
# ITU-R M.1371-5 table 45) and a MarineCadastre row with no position were
# dropped with "rejected: 0"; untimed AVR frames (dump1090 port 30002) are
# refused as no-time.  For a file of single-record lines, the records
# stored plus the records rejected equal the lines.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
num() { sed -n "s/^$1: \([0-9]*\).*/\1/p" "$2" | head -1; }
reason() { awk -v r="$1" '$1 == r { print $2 }' "$2"; }

# six NMEA lines, one record each: 2 stored, 4 refused for 4 reasons
cat > "$T/mixed.nmea" <<'NMEA'
\s:rx1,c:1600000000*00\!AIVDM,1,1,,A,139>Jh@P1T0eid0NqRP3Q2lD0000,0*59
\s:rx1,c:1600000010*01\!AIVDM,1,1,,A,139>Jh@P1T<tSF0l4Q@3Q2lD0000,0*28
\s:rx1,c:1600000020*02\!AIVDM,1,1,,A,139>Jh@P1T0eid0NqRP3Q2lD0000,0*58
!AIVDM,1,1,,A,139>Jh@P1T0eid0NqRP3Q2lD0000,0*59
this is not NMEA
\s:rx1,c:1600000030*03\!AIVDM,1,1,,A,139>Jh@P1T0eid0NqRP3Q2lD0000,0*59
NMEA
"$GT_BIN" ingest --db "$T/a.db" "$T/mixed.nmea" > "$T/a.out" 2>&1
check "NMEA: a report without a position is counted as no-position" '[ "$(reason no-position "$T/a.out")" = 1 ]'
check "NMEA: a bad checksum is counted" '[ "$(reason checksum "$T/a.out")" = 1 ]'
check "NMEA: a report without any time is counted as no-time" '[ "$(reason no-time "$T/a.out")" = 1 ]'
check "NMEA: a junk line is counted" '[ "$(reason junk "$T/a.out")" = 1 ]'
check "NMEA: stored + rejected = 6 lines" \
    '[ $(( $(sed -n "s/^accepted: \([0-9]*\) positions.*/\1/p" "$T/a.out") + $(num rejected "$T/a.out") )) = 6 ]'

# MarineCadastre: one row with a position, one without a position and
# without static fields (nothing of it stored), one without a position
# whose static fields are stored as facts (not a lost record)
printf 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n367000001,2020-01-01T00:00:01,29.1,-90.1,10.0,180.0,179,A,,,70,0,100,20,5,70,A\n367000001,2020-01-01T00:00:11,,,10.0,180.0,179,,,,,,,,,,\n367000002,2020-01-01T00:00:21,,,10.0,180.0,179,B,,,70,0,100,20,5,70,A\n' > "$T/mc.csv"
"$GT_BIN" ingest --db "$T/b.db" "$T/mc.csv" > "$T/b.out" 2>&1
check "MarineCadastre: a row without a position is counted as no-position" \
    '[ "$(reason no-position "$T/b.out")" = 1 ]'

# untimed AVR (port 30002): every frame accounted for
head -5 "$GT_ROOT/tests/fuzz/corpus/fuzz_avr/basic" > "$T/avr.txt"
"$GT_BIN" ingest --db "$T/c.db" "$T/avr.txt" > "$T/c.out" 2>&1
check "untimed AVR: refused as no-time, not 'rejected: 0'" \
    '[ "$(num rejected "$T/c.out")" -gt 0 ] && [ -n "$(reason no-time "$T/c.out")" ]'
