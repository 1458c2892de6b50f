/*
 * cmd_export.c - `ghosttrack export`: positions in a box and time window,
 * in NDJSON, CSV, GeoJSON, KML or GPX.
 */
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/export.h"
#include "ghosttrack/store.h"
#include "ghosttrack/track.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml, gpx"},
    {"source", 0, "NAME", "only records of this source"},
    {"geometry", 0, "G", "GeoJSON features: both (default), points or lines"},
    {NULL, 0, NULL, NULL},
};

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_store *st = NULL;
    struct gt_store_filter f;
    enum gt_export_format fmt = GT_EXPORT_NDJSON;
    const char *fs = cli_get(cmd, a, "format"), *bbox = cli_get(cmd, a, "bbox");
    double box[4];
    unsigned flags = GT_EXPORT_FACTS; /* the NDJSON export ingests back, names included */
    int ret;

    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (fs != NULL && gt_export_format_parse(fs, &fmt) < 0) {
        return cli_usage_error(cmd, "unknown format '%s'", fs);
    }
    if (cli_geometry_opt(cmd, a, &flags) != CLI_OK) {
        return CLI_USAGE;
    }
    gt_store_filter_init(&f);
    if (cli_time_opt(cmd, a, "since", &f.since_ms) != CLI_OK ||
        cli_time_opt(cmd, a, "until", &f.until_ms) != CLI_OK) {
        return CLI_USAGE;
    }
    if (bbox != NULL) {
        if (cli_bbox_opt(cmd, bbox, box) != CLI_OK) {
            return CLI_USAGE;
        }
        f.has_bbox = 1;
        f.south_deg = box[0];
        f.west_deg = box[1];
        f.north_deg = box[2];
        f.east_deg = box[3];
    }
    f.source = cli_get(cmd, a, "source");
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_READONLY, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    ret = cli_export_positions(st, &f, (int)fmt, flags, "positions", "the export");
    gt_store_close(st);
    return ret;
}

const struct cli_command cli_cmd_export = {
    "export",
    "[--db DB] [--since T] [--until T] [--bbox S,W,N,E] [--format F] [--geometry G]",
    "export positions in a box and time window",
    "Tracks are cut into segments at gaps over 30 minutes.  NDJSON holds the identities' facts "
    "then one line per position, and ingests back.  GeoJSON holds one LineString per segment "
    "and one Point per position, in [lon, lat] order; a Shapefile holds one geometry type, so "
    "write each with --geometry lines and --geometry points for ogr2ogr.  KML holds "
    "time-stamped gx:Track placemarks (altitude mode absolute for aircraft, clampToGround for "
    "vessels); every name is escaped for its format.",
    opts,
    run,
    5,
};
