#!/usr/bin/env bash
# Every GeoJSON, KML and GPX export opens in GDAL, as GIS users open them:
# ogr2ogr writes each to GeoPackage and to Shapefile, and the feature counts
# there equal the features the export holds (counted with jq and xmllint,
# not with GDAL).  A Shapefile holds one geometry type per file (ESRI
# Shapefile Technical Description, 1998), so the GeoJSON position export is
# written once per geometry (--geometry lines, --geometry points); the mixed
# default still goes to GeoPackage whole.  Skips when ogr2ogr is absent
# (Debian gdal-bin, scripts/install-deps.sh).
set -u
D=$GT_ROOT/tests/data/ingest
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/t.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

for tool in ogr2ogr ogrinfo jq xmllint; do
    command -v $tool >/dev/null || { echo "skip - GDAL export test ($tool missing)"; exit 0; }
done
"$GT_BIN" ref --db "$DB" --aircraft "$D/aircraft_db.csv" > /dev/null
"$GT_BIN" ingest -q --db "$DB" "$D" 2> "$T/err"
"$GT_BIN" detect --db "$DB" > /dev/null 2>&1
check "fixtures ingest and detect" '[ -s "$DB" ]'

# name | command | how to count its features without GDAL
exports=(
    "pos_lines.geojson|export -f geojson --geometry lines|jq_features"
    "pos_points.geojson|export -f geojson --geometry points|jq_features"
    "track_lines.geojson|track icao:1519a5 -f geojson --geometry lines|jq_features"
    "track_points.geojson|track icao:1519a5 -f geojson --geometry points|jq_features"
    "events.geojson|events -f geojson|jq_features"
    "pos.kml|export -f kml|kml_placemarks"
    "track.kml|track icao:1519a5 -f kml|kml_placemarks"
    "events.kml|events -f kml|kml_placemarks"
    "pos.gpx|export -f gpx|gpx_features"
    "track.gpx|track icao:1519a5 -f gpx|gpx_features"
)
jq_features() { jq '.features | length' "$1"; }
kml_placemarks() { xmllint --xpath 'count(//*[local-name()="Placemark"])' "$1"; }
# GDAL's GPX driver gives one feature per <trk> (layer tracks) and one per
# <trkpt> (layer track_points)
gpx_features() {
    echo $(($(xmllint --xpath 'count(//*[local-name()="trk"])' "$1") + \
        $(xmllint --xpath 'count(//*[local-name()="trkpt"])' "$1")))
}
# total features over every layer GDAL finds in a dataset
gdal_count() {
    ogrinfo -ro -so -al "$1" 2>/dev/null | awk -F': ' '/^Feature Count/ {n += $2} END {print n + 0}'
}

for e in "${exports[@]}"; do
    IFS='|' read -r name cmd counter <<< "$e"
    # shellcheck disable=SC2086
    "$GT_BIN" $cmd --db "$DB" > "$T/$name"
    want=$($counter "$T/$name")
    check "$name holds features ($want)" '[ "$want" -gt 0 ]'
    rm -rf "$T/$name.gpkg" "$T/$name.shp.d"
    ogr2ogr -f GPKG "$T/$name.gpkg" "$T/$name" 2> "$T/$name.gpkg.err"
    got=$(gdal_count "$T/$name.gpkg")
    check "$name -> GeoPackage keeps $want features (got $got)" '[ "$got" = "$want" ]'
    ogr2ogr -f "ESRI Shapefile" "$T/$name.shp.d" "$T/$name" 2> "$T/$name.shp.err"
    got=$(gdal_count "$T/$name.shp.d")
    check "$name -> Shapefile keeps $want features (got $got)" '[ "$got" = "$want" ]'
done

# the default GeoJSON mixes both kinds: whole in a GeoPackage, and the two
# single-geometry files add up to it
"$GT_BIN" export --db "$DB" -f geojson > "$T/pos.geojson"
want=$(jq_features "$T/pos.geojson")
sum=$(($(jq_features "$T/pos_lines.geojson") + $(jq_features "$T/pos_points.geojson")))
check "lines + points = the mixed export ($want)" '[ "$sum" = "$want" ]'
ogr2ogr -f GPKG "$T/pos.gpkg" "$T/pos.geojson" 2> /dev/null
got=$(gdal_count "$T/pos.gpkg")
check "mixed GeoJSON -> GeoPackage keeps $want features (got $got)" '[ "$got" = "$want" ]'
lines=$(ogrinfo -ro -so -al "$T/pos_lines.geojson.shp.d" 2>/dev/null | grep -c '^Geometry: Line String')
points=$(ogrinfo -ro -so -al "$T/pos_points.geojson.shp.d" 2>/dev/null | grep -c '^Geometry: Point')
check "the Shapefiles are one LineString and one Point layer" '[ "$lines" = 1 ] && [ "$points" = 1 ]'
