/*
 * decode_modes.c - the Mode S family of `ghosttrack decode` (see
 * cmd_decode.c): reads AVR, Beast, SBS, OpenSky raw CSV or epoch-hex inputs
 * (plain or gzip) in chunks, runs them through gt_modes_stream and writes
 * one NDJSON object per message, or per position with --positions.  The
 * fields are documented in docs/FORMATS.md.  A one-line summary of frames
 * accepted and rejected by reason goes to stderr at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/io.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/time.h"

int cli_decode_modes_sniff(const unsigned char *p, size_t n)
{
    unsigned char buf[8192];
    int conf = 0;

    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        n = gt_io_gunzip_head(p, n, buf, sizeof buf);
        p = buf;
    }
    (void)gt_modes_sniff(p, n, &conf);
    return conf;
}

struct out {
    struct gt_buf b;
    int positions;
    const char *path;
};

static int on_event(void *ctx, const struct gt_modes_event *ev)
{
    struct out *out = ctx;

    gt_buf_reset(&out->b);
    if (gt_modes_json(ev, out->positions, &out->b) <= 0) {
        return 0; /* no position, or an overlong object: dropped, never half-written */
    }
    (void)cli_put(gt_buf_str(&out->b), gt_buf_len(&out->b));
    return 0;
}

static enum gt_modes_framing framing_of(const char *fmt)
{
    if (fmt == NULL || strcmp(fmt, "modes") == 0) {
        return GT_MODES_FRAMING_UNKNOWN;
    }
    if (strcmp(fmt, "avr") == 0) {
        return GT_MODES_FRAMING_AVR;
    }
    if (strcmp(fmt, "beast") == 0) {
        return GT_MODES_FRAMING_BEAST;
    }
    if (strcmp(fmt, "sbs") == 0) {
        return GT_MODES_FRAMING_SBS;
    }
    return GT_MODES_FRAMING_OPENSKY;
}

static void add_stats(struct gt_modes_stats *t, const struct gt_modes_stats *s)
{
    int i;

    t->frames += s->frames;
    t->accepted += s->accepted;
    t->corrected += s->corrected;
    t->positions += s->positions;
    t->pos_rejected += s->pos_rejected;
    for (i = 0; i < GT_MODES_REJ_COUNT; i++) {
        t->rejected[i] += s->rejected[i];
    }
}

static void print_summary(const struct gt_modes_stats *t)
{
    uint64_t rej = 0;
    int i, first = 1;

    for (i = 1; i < GT_MODES_REJ_COUNT; i++) {
        rej += t->rejected[i];
    }
    fprintf(stderr, "modes: %llu frames, %llu accepted, %llu rejected",
            (unsigned long long)(t->accepted + rej), (unsigned long long)t->accepted,
            (unsigned long long)rej);
    for (i = 1; i < GT_MODES_REJ_COUNT; i++) {
        if (t->rejected[i] > 0) {
            fprintf(stderr, "%s%s %llu", first ? " (" : ", ",
                    gt_modes_reject_name((enum gt_modes_reject)i),
                    (unsigned long long)t->rejected[i]);
            first = 0;
        }
    }
    fprintf(stderr, "%s, %llu corrected, %llu positions, %llu positions rejected\n",
            first ? "" : ")", (unsigned long long)t->corrected, (unsigned long long)t->positions,
            (unsigned long long)t->pos_rejected);
}

static int parse_receiver(const char *s, struct gt_modes_state_cfg *cfg)
{
    char *end;
    double lat = strtod(s, &end), lon;

    if (*end != ',') {
        return -1;
    }
    lon = strtod(end + 1, &end);
    if (*end != '\0' || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        return -1;
    }
    cfg->has_rx_pos = 1;
    cfg->rx_lat = lat;
    cfg->rx_lon = lon;
    return 0;
}

int cli_decode_modes_run(const struct cli_command *cmd, struct cli_args *a, char **paths,
                         int npaths)
{
    struct gt_modes_opts mo = {1, 0, 0};
    struct gt_modes_state_cfg cfg;
    struct gt_modes_stats total;
    struct out out;
    const char *v;
    static unsigned char chunk[1 << 16];
    int i, ret = CLI_OK;
    enum gt_modes_framing framing = framing_of(cli_get(cmd, a, "format"));

    memset(&cfg, 0, sizeof cfg);
    memset(&total, 0, sizeof total);
    v = cli_get(cmd, a, "fix-bits");
    if (v != NULL) {
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0 && strcmp(v, "2") != 0) {
            return cli_usage_error(cmd, "--fix-bits must be 0, 1 or 2");
        }
        mo.fix_bits = v[0] - '0';
    }
    if (cli_has(cmd, a, "strict")) {
        mo.fix_bits = 0;
    }
    mo.meteo = cli_has(cmd, a, "meteo") > 0;
    mo.beast_gps = cli_has(cmd, a, "beast-gps") > 0;
    v = cli_get(cmd, a, "receiver");
    if (v != NULL && parse_receiver(v, &cfg) < 0) {
        return cli_usage_error(cmd, "--receiver wants LAT,LON in degrees");
    }
    v = cli_get(cmd, a, "max-range");
    if (v != NULL) {
        char *end;
        cfg.max_range_nm = strtod(v, &end);
        if (*end != '\0' || cfg.max_range_nm <= 0 || cfg.max_range_nm > 1000) {
            return cli_usage_error(cmd, "--max-range wants nautical miles in (0, 1000]");
        }
    }
    gt_buf_init(&out.b, 1 << 16);
    out.positions = cli_has(cmd, a, "positions") > 0;
    for (i = 0; i < npaths; i++) {
        struct gt_io_file *f;
        struct gt_modes_stream *st;
        struct gt_modes_stats s;
        int n;

        out.path = paths[i];
        if (gt_io_open(paths[i], &f) != GT_OK) {
            cli_error("cannot open '%s'", paths[i]);
            ret = CLI_FAIL;
            continue;
        }
        st = gt_modes_stream_new(framing, &mo, &cfg, on_event, &out);
        if (st == NULL) {
            gt_io_close(f);
            cli_error("out of memory");
            ret = CLI_FAIL;
            break;
        }
        while ((n = gt_io_read(f, chunk, sizeof chunk)) > 0) {
            (void)gt_modes_stream_feed(st, chunk, (size_t)n, 0);
        }
        /* a gzip file cut short is decoded up to the cut, as it always was */
        if (n < 0 && !(n == GT_ERR_BADDATA && gt_io_truncated(f))) {
            cli_error("cannot read '%s'", paths[i]);
            ret = CLI_FAIL;
        }
        (void)gt_modes_stream_feed(st, chunk, 0, 1);
        gt_modes_stream_stats(st, &s);
        add_stats(&total, &s);
        gt_modes_stream_free(st);
        gt_io_close(f);
    }
    gt_buf_release(&out.b);
    fflush(stdout);
    print_summary(&total);
    return ret;
}
