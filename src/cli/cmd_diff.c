/*
 * cmd_diff.c - `ghosttrack diff`: flights one source shows and another hides.
 *
 * Not available yet: tracked by issue #7.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"source", 0, "A", "the source to check"},
    {"against", 0, "B", "the source to compare it with"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_diff = {
    "diff",
    "[--db DB] --source A --against B",
    "flights one source shows and another hides",
    NULL,
    opts,
    NULL,
    7,
};
