/*
 * cmd_track.c - `ghosttrack track`: print one identity's track, found by
 * mmsi:N, icao:XXXXXX, aircraft registration or vessel name.
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
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml, gpx"},
    {"facts", 0, NULL, "NDJSON: the identity's facts (name, callsign...) first"},
    {"geometry", 0, "G", "GeoJSON features: both (default), points or lines"},
    {NULL, 0, NULL, NULL},
};

/* Does the store hold anything of id, at any time?  (An mmsi:N or
 * icao:XXXXXX is taken as written, so the store is asked.)  A store error
 * answers yes and is reported by the export. */
static int in_store(struct gt_store *st, const struct gt_ident *id)
{
    struct gt_store_filter f;
    struct gt_fleet fl;
    int found;

    gt_store_filter_init(&f);
    f.ids = id;
    f.nids = 1;
    gt_fleet_init(&fl, 1);
    found = gt_store_load_fleet(st, &f, &fl) < 0 || fl.n > 0 || fl.nfacts > 0;
    gt_fleet_release(&fl);
    return found;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_store *st = NULL;
    struct gt_store_filter f;
    struct gt_ident id;
    enum gt_export_format fmt = GT_EXPORT_NDJSON;
    const char *fs = cli_get(cmd, a, "format");
    unsigned flags = cli_has(cmd, a, "facts") ? GT_EXPORT_FACTS : 0u;
    int rc, ret;

    if (a->npos != 1) {
        return cli_usage_error(cmd, "give exactly one identity");
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
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_READONLY, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    rc = gt_store_resolve(st, a->pos[0], &id);
    if (rc == GT_ERR_NOTFOUND) {
        cli_error("no identity matches '%s'", a->pos[0]);
        gt_store_close(st);
        return CLI_FAIL;
    }
    if (rc == GT_ERR_INVAL) {
        char s[GT_IDENT_MAX];
        if (gt_ident_format(&id, s, sizeof s) < 0) {
            s[0] = '\0';
        }
        cli_error("'%s' matches several identities; showing %s", a->pos[0], s);
    } else if (rc < 0) {
        cli_error("cannot resolve '%s': %s", a->pos[0], gt_store_errmsg(st));
        gt_store_close(st);
        return CLI_FAIL;
    }
    f.ids = &id;
    f.nids = 1;
    if (!in_store(st, &id)) {
        char s[GT_IDENT_MAX];
        if (gt_ident_format(&id, s, sizeof s) < 0) {
            s[0] = '\0';
        }
        cli_error("no positions or facts of '%s' in the store", s);
        gt_store_close(st);
        return CLI_FAIL;
    }
    ret = cli_export_positions(st, &f, (int)fmt, flags, "the track", "the track");
    gt_store_close(st);
    return ret;
}

const struct cli_command cli_cmd_track = {
    "track",
    "[--db DB] ID [--since T] [--until T] [--format F] [--facts] [--geometry G]",
    "print one identity's track",
    "ID is mmsi:N, icao:XXXXXX, an aircraft registration (after 'ghosttrack ref --aircraft') "
    "or a vessel name or callsign seen in the data, case-insensitive; an identity the store "
    "holds nothing of is an error (exit 1).  NDJSON prints one line per position, and the "
    "identity's facts before them with --facts.  KML tracks use altitude mode absolute "
    "(barometric altitude in metres) for aircraft and clampToGround for vessels.",
    opts,
    run,
    5,
};
