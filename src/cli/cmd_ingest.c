/*
 * cmd_ingest.c - `ghosttrack ingest`: store any source in the evidence database, with provenance.
 *
 * Not available yet: tracked by issue #5.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"source", 0, "NAME", "name of the feed these records come from"},
    {"format", 'f', "F", "input format (default: detected from content)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_ingest = {
    "ingest",
    "[--db DB] [--source NAME] [--format F] PATH...|-|tcp://HOST:PORT|udp://:PORT",
    "store any source in the evidence database, with provenance",
    NULL,
    opts,
    NULL,
    5,
};
