#!/usr/bin/env bash
# `ref --airports` and `ref --ports` check a file before storing it (issue
# #15, item 13: arbitrary bytes were stored with exit 0): binary data, a
# wrong header, a row without a position in range are refused (exit 1)
# with the line number, and nothing is stored; the vendored tables and the
# real OurAirports / WPI files pass.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - ref validation (sqlite3 missing)"; exit 0; }
DB=$T/r.db
refs() { sqlite3 "$DB" "SELECT count(*) FROM refs" 2>/dev/null || echo 0; }

refuse() { # label, kind, file, line, message part
    out=$("$GT_BIN" ref --db "$DB" "--$2" "$3" 2>&1)
    rc=$?
    want="line $4: $5"
    [ "$4" = 0 ] && want=$5
    check "$1: refused (exit 1) at line $4" '[ $rc -eq 1 ] && grep -qF -- "$want" <<<"$out"'
    check "$1: nothing stored" '[ "$(refs)" = 0 ]'
}
printf 'ident,latitude_deg\n\037\213\010\000\000\000' > "$T/binary.bin"
printf 'iso3\n\377\376binary' > "$T/binary2.bin"
printf 'ident,latitude_deg,longitude_deg\n' > "$T/empty_apt.csv"
printf 'ident,type,latitude_deg,longitude_deg\nEGLL,large_airport,51.47,-0.45\n"X\nY",small_airport,1,2\nKJFK,large_airport,40.6,nan\n' > "$T/bad_apt.csv"
printf 'ident,latitude_deg,longitude_deg\nEGLL,51.47,-0.45\nBAD,91,0\n' > "$T/lat_apt.csv"
printf 'ident,latitude_deg,longitude_deg\nEGLL,51.4\033[2J7,-0.45\n' > "$T/esc_apt.csv"
printf 'iso3,label,sublabel,lat,lon\nNLD,ROTTERDAM,,51.95,4.05\n\nNLD,X,,51.9,181\n' > "$T/bad_ports.csv"
printf 'iso3,label,sublabel,lat,lon,radius_nm\nNLD,ROTTERDAM,,51.95,4.05,-3\n' > "$T/radius_ports.csv"
printf 'NLD,ROTTERDAM,51.95,4.05\n' > "$T/fields_ports.csv"
refuse "binary bytes as airports" airports "$T/binary.bin" 2 "control character 0x1f"
refuse "binary bytes as ports" ports "$T/binary2.bin" 2 "byte 0xff is not UTF-8 text"
refuse "ports as airports" airports "$GT_ROOT/data/wpi_ports.csv" 1 "the header lacks 'ident'"
refuse "airports as ports" ports "$GT_ROOT/data/airports.csv" 1 "10 fields: expected iso3"
refuse "no airport rows" airports "$T/empty_apt.csv" 0 "no airport rows"
refuse "a bad longitude after a quoted line break" airports "$T/bad_apt.csv" 5 "bad position '40.6,nan'"
refuse "latitude 91" airports "$T/lat_apt.csv" 3 "bad position '91,0'"
refuse "an ESC in the data" airports "$T/esc_apt.csv" 2 "control character 0x1b"
refuse "longitude 181 after a blank line" ports "$T/bad_ports.csv" 4 "bad position '51.9,181'"
refuse "a negative radius" ports "$T/radius_ports.csv" 2 "bad radius '-3'"
refuse "four fields" ports "$T/fields_ports.csv" 1 "4 fields"

"$GT_BIN" ref --db "$DB" --airports "$GT_ROOT/data/airports.csv" > /dev/null 2>&1
check "the vendored airports.csv is stored" '[ $? -eq 0 ] && [ "$(refs)" = 1 ]'
"$GT_BIN" ref --db "$DB" --ports "$GT_ROOT/data/wpi_ports.csv" > /dev/null 2>&1
check "the vendored wpi_ports.csv is stored" '[ $? -eq 0 ] && [ "$(refs)" = 2 ]'
R=$GT_SHARED/ref
if [ -f "$R/ourairports/airports_medium_large.csv" ] && [ -f "$R/wpi_ports.csv" ]; then
    "$GT_BIN" ref --db "$DB" --airports "$R/ourairports/airports_medium_large.csv" > /dev/null 2>&1
    check "the real OurAirports file is accepted" '[ $? -eq 0 ]'
    "$GT_BIN" ref --db "$DB" --ports "$R/wpi_ports.csv" > /dev/null 2>&1
    check "the real WPI ports file is accepted" '[ $? -eq 0 ]'
else
    echo "skip - real OurAirports and WPI files (no ../shared/data/ref)"
fi
