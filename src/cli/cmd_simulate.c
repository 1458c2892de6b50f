/*
 * cmd_simulate.c - `ghosttrack simulate`: generate a scenario with known truth.
 *
 * Not available yet: tracked by issue #8.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"scenario", 0, "NAME", "scenario to generate (e.g. venezuela-2019)"},
    {"out", 'o', "DIR", "folder to write inputs and truth.json into"},
    {"seed", 0, "N", "random seed (default 1)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_simulate = {
    "simulate",
    "--scenario NAME --out DIR [--seed N]",
    "generate a scenario with known truth",
    NULL,
    opts,
    NULL,
    8,
};
