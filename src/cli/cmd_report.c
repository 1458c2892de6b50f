/*
 * cmd_report.c - `ghosttrack report`: write a self-contained HTML report.
 *
 * Not available yet: tracked by issue #8.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"out", 'o', "FILE", "output file (default report.html)"},
    {"type", 't', "T", "only events of type T (gap, encounter, loiter, spoof, ...)"},
    {"subject", 's', "ID", "only events about ID (mmsi:..., icao:..., registration)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_report = {
    "report",
    "[--db DB] [--out FILE] [filters]",
    "write a self-contained HTML report",
    NULL,
    opts,
    NULL,
    8,
};
