/*
 * cmd_decode.c - `ghosttrack decode`: decode AIS or Mode S messages to NDJSON.
 *
 * This file only picks the decoder family: --format names it, otherwise the
 * first input's leading bytes are sniffed by each family and the more
 * confident one wins.  The families live in decode_ais.c and decode_modes.c.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"format", 'f', "F", "input format (default: detected from content)"},
    {"strict", 0, NULL, "reject messages with any quality defect"},
    /* AIS options */
    {"gpsd", 0, NULL, "AIS: write gpsd JSON-AIS instead of ghosttrack NDJSON"},
    {"unscaled", 'u', NULL, "AIS with --gpsd: raw integer fields, as gpsdecode -u"},
    {"count", 0, NULL, "AIS: decode only, write nothing but the summary"},
    /* Mode S options */
    {"positions", 0, NULL, "Mode S: one object per decoded position"},
    {"fix-bits", 0, "N", "Mode S: CRC bits to repair in DF11/17/18, 0 to 2 (default 1)"},
    {"receiver", 0, "LAT,LON", "Mode S: receiver position for local and surface CPR"},
    {"max-range", 0, "NM", "Mode S: reject positions further from the receiver"},
    {"meteo", 0, NULL, "Mode S: also infer Comm-B BDS 4,4 (meteorological report)"},
    {"beast-gps", 0, NULL, "Mode S: Beast timestamps are Radarcape GPS time of day"},
    {NULL, 0, NULL, NULL},
};

/* Formats each family accepts for --format. */
static const char *const ais_formats[] = {"nmea", "ais", "marinecadastre", "dma", NULL};
static const char *const modes_formats[] = {"avr", "beast", "sbs", "opensky-raw", "modes", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (; *list != NULL; list++) {
        if (strcmp(*list, s) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Read up to size leading bytes of path for sniffing; stdin is not sniffed
 * by reading (it cannot be rewound here), so "-" needs --format or is
 * treated as AIS NMEA, the common case of `cat log | ghosttrack decode -`. */
static size_t peek(const char *path, unsigned char *buf, size_t size)
{
    FILE *f;
    size_t n;

    if (strcmp(path, "-") == 0) {
        return 0;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    n = fread(buf, 1, size, f);
    fclose(f);
    return n;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *fmt = cli_get(cmd, a, "format");
    unsigned char head[4096];
    size_t n;
    int ais, modes;

    if (a->npos == 0) {
        /* like gpsdecode and jq: a pipe or a redirected file is the input */
        static char dash[] = "-";
        static char *stdin_only[] = {dash};
        if (isatty(0)) {
            return cli_usage_error(cmd, "no input given (use - for standard input)");
        }
        a->pos = stdin_only;
        a->npos = 1;
    }
    if (fmt != NULL) {
        if (in_list(ais_formats, fmt)) {
            return cli_decode_ais_run(cmd, a, a->pos, a->npos);
        }
        if (in_list(modes_formats, fmt)) {
            return cli_decode_modes_run(cmd, a, a->pos, a->npos);
        }
        return cli_usage_error(cmd, "unknown format '%s'", fmt);
    }
    n = peek(a->pos[0], head, sizeof head);
    ais = cli_decode_ais_sniff(head, n);
    modes = cli_decode_modes_sniff(head, n);
    if (modes > ais) {
        return cli_decode_modes_run(cmd, a, a->pos, a->npos);
    }
    return cli_decode_ais_run(cmd, a, a->pos, a->npos);
}

const struct cli_command cli_cmd_decode = {
    "decode",
    "[--format F] [--gpsd [--unscaled]] [--strict] [FILE...|-]",
    "decode AIS or Mode S messages to NDJSON",
    "Reads NMEA AIS (with tag blocks, USCG and Gatehouse time stamps) or Mode S\n"
    "(AVR, Beast, SBS) and writes one JSON object per message. The format is\n"
    "detected from the content.  With no FILE, standard input is read when it\n"
    "is not a terminal (a pipe or a redirection), as with -.",
    opts,
    run,
    3,
};
