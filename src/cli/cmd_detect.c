/*
 * cmd_detect.c - `ghosttrack detect`: run the detectors and store their events.
 *
 * Not available yet: tracked by issue #6.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"only", 0, "TYPES", "comma-separated event types to detect"},
    {"config", 'c', "FILE", "thresholds file (defaults documented in docs/DETECTORS.md)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_detect = {
    "detect",
    "[--db DB] [--only TYPES] [--config FILE]",
    "run the detectors and store their events",
    NULL,
    opts,
    NULL,
    6,
};
