/*
 * cmd_track.c - `ghosttrack track`: print one identity's track.
 *
 * Not available yet: tracked by issue #5.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml, gpx"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_track = {
    "track",
    "[--db DB] ID [--since T] [--until T] [--format F]",
    "print one identity's track",
    NULL,
    opts,
    NULL,
    5,
};
