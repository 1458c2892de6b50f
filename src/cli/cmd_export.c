/*
 * cmd_export.c - `ghosttrack export`: export positions in a box and time window.
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
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml, gpx"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_export = {
    "export",
    "[--db DB] [--since T] [--until T] [--bbox S,W,N,E] [--format F]",
    "export positions in a box and time window",
    NULL,
    opts,
    NULL,
    5,
};
