/*
 * cmd_events.c - `ghosttrack events`: list detected events.
 *
 * Not available yet: tracked by issue #6.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"type", 't', "T", "only events of type T (gap, encounter, loiter, spoof, ...)"},
    {"subject", 's', "ID", "only events about ID (mmsi:..., icao:..., registration)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_events = {
    "events",
    "[--db DB] [filters] [--format ndjson|csv|geojson|kml]",
    "list detected events",
    NULL,
    opts,
    NULL,
    6,
};
