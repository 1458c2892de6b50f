/*
 * cmd_stats.c - `ghosttrack stats`: summarise the store: sources, identities, time span, rejects.
 *
 * Not available yet: tracked by issue #5.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_stats = {
    "stats", "[--db DB]", "summarise the store: sources, identities, time span, rejects",
    NULL,    opts,        NULL,
    5,
};
