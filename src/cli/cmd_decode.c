/*
 * cmd_decode.c - `ghosttrack decode`: decode AIS or Mode S messages to NDJSON.
 *
 * This file only picks the decoder family: --format names it, otherwise the
 * first input's leading bytes are sniffed by each family and the more
 * confident one wins.  The families live in decode_ais.c and decode_modes.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
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

/* Read the first bytes of standard input for sniffing, then put them
 * back: a seekable stdin (a redirected file) is rewound; a pipe is
 * replaced by a new pipe that a child process fills with the bytes read
 * and then everything that follows, so the decoder reads the stream from
 * its first byte.  Reading stops at size bytes, at the end, or once
 * there are 8 lines to judge (a slow live feed is not waited on for
 * 4 KB).  Returns the bytes read (0 when stdin could not be sniffed: the
 * decoder then reads it untouched). */
static size_t peek_stdin(unsigned char *buf, size_t size)
{
    size_t n = 0, lines = 0, i;
    int fds[2];
    pid_t pid;

    while (n < size && lines < 8) {
        ssize_t r = read(0, buf + n, size - n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        for (i = n; i < n + (size_t)r; i++) {
            lines += buf[i] == '\n';
        }
        n += (size_t)r;
    }
    if (n == 0 || lseek(0, -(off_t)n, SEEK_CUR) >= 0) {
        return n;
    }
    if (pipe(fds) != 0 || (pid = fork()) < 0) {
        return 0; /* cannot put the bytes back: they are lost to sniffing only */
    }
    if (pid == 0) {
        unsigned char chunk[65536];
        size_t off = 0;
        ssize_t r;
        close(fds[0]);
        signal(SIGPIPE, SIG_DFL);
        while (off < n) {
            r = write(fds[1], buf + off, n - off);
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                _exit(0);
            }
            off += (size_t)r;
        }
        for (;;) {
            r = read(0, chunk, sizeof chunk);
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                _exit(0);
            }
            for (off = 0; off < (size_t)r;) {
                ssize_t w = write(fds[1], chunk + off, (size_t)r - off);
                if (w < 0 && errno == EINTR) {
                    continue;
                }
                if (w <= 0) {
                    _exit(0);
                }
                off += (size_t)w;
            }
        }
    }
    close(fds[1]);
    if (dup2(fds[0], 0) < 0) {
        close(fds[0]);
        return 0;
    }
    close(fds[0]);
    return n;
}

/* Read up to size leading bytes of path for sniffing ("-": standard
 * input, put back after reading, see peek_stdin()). */
static size_t peek(const char *path, unsigned char *buf, size_t size)
{
    FILE *f;
    size_t n;

    if (strcmp(path, "-") == 0) {
        return peek_stdin(buf, size);
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
