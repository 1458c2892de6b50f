/*
 * cmd_decode.c - `ghosttrack decode`: decode AIS or Mode S messages to NDJSON.
 *
 * Not available yet: tracked by issue #3.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"format", 'f', "F", "input format (default: detected from content)"},
    {"gpsd", 0, NULL, "AIS: write gpsd JSON-AIS instead of ghosttrack NDJSON"},
    {"unscaled", 'u', NULL, "AIS with --gpsd: raw integer fields, as gpsdecode -u"},
    {"strict", 0, NULL, "reject messages with any quality defect"},
    {"positions", 0, NULL, "Mode S: one object per decoded position"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_decode = {
    "decode",
    "[--format F] [--gpsd [--unscaled]] [--strict] FILE...|-",
    "decode AIS or Mode S messages to NDJSON",
    "Reads NMEA AIS (with tag blocks, USCG and Gatehouse time stamps) or Mode S\n(AVR, Beast, SBS) "
    "and writes one JSON object per message. The format is\ndetected from the content.",
    opts,
    NULL,
    3,
};
