/*
 * cmd_ref.c - `ghosttrack ref`: load reference data: airports, aircraft database, ports.
 *
 * Not available yet: tracked by issue #5.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"airports", 0, "FILE", "OurAirports airports.csv"},
    {"aircraft", 0, "FILE", "aircraft database CSV (icao24,registration,typecode,operator)"},
    {"ports", 0, "FILE", "ports CSV (World Port Index extract)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_ref = {
    "ref",
    "[--db DB] --airports FILE | --aircraft FILE | --ports FILE",
    "load reference data: airports, aircraft database, ports",
    NULL,
    opts,
    NULL,
    5,
};
