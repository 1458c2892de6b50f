/*
 * cmd_demo.c - `ghosttrack demo`: simulate, ingest, detect and report, offline.
 *
 * Not available yet: tracked by issue #8.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"out", 'o', "DIR", "working folder (default ./ghosttrack-demo)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_demo = {
    "demo",
    "[--out DIR]",
    "simulate, ingest, detect and report, offline",
    "Runs the whole chain on a generated scenario with no network and prints\nwhere the report is.",
    opts,
    NULL,
    8,
};
