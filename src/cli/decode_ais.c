/*
 * decode_ais.c - the AIS family of `ghosttrack decode` (see cmd_decode.c):
 * reads NMEA AIS files (plain or gzip) or standard input line by line
 * through the library's io (gt_io_for_lines), feeds the lines to its AIS
 * stream and writes ghosttrack NDJSON, gpsd JSON-AIS (--gpsd, --unscaled)
 * or only counts (--count).  Ends with a
 * one-line summary on stderr: messages decoded and lines rejected by reason.
 */
#include <stdio.h>
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/ais.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/import.h"
#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

#define CHUNK          (256 * 1024)
#define LINE_MAX_BYTES 8192

enum out_mode { OUT_NDJSON, OUT_GPSD, OUT_COUNT };

struct run {
    enum out_mode mode;
    int scaled;
    struct gt_buf out;
    int err;
};

static void flush_out(struct run *r)
{
    if (gt_buf_len(&r->out) > 0) {
        if (cli_put(gt_buf_str(&r->out), gt_buf_len(&r->out)) != GT_OK) {
            r->err = 1;
        }
        gt_buf_reset(&r->out);
    }
}

static void on_msg(const struct gt_ais_msg *m, void *ud)
{
    struct run *r = ud;
    int rc = GT_OK;

    switch (r->mode) {
    case OUT_COUNT:
        return;
    case OUT_GPSD:
        /* gpsdecode shows type 24 only once both parts are joined */
        if (m->type == 24 && m->part24 != GT_AIS24_AB) {
            return;
        }
        rc = gt_ais_json_gpsd(m, r->scaled, "stdin", &r->out);
        break;
    case OUT_NDJSON:
        rc = gt_ais_json(m, &r->out);
        break;
    }
    if (rc != GT_OK) {
        r->err = 1;
        gt_buf_reset(&r->out);
        return;
    }
    if (gt_buf_len(&r->out) > 64 * 1024) {
        flush_out(r);
    }
}

static void ais_line(void *ctx, const uint8_t *p, size_t n, uint64_t off)
{
    gt_ais_stream_feed(ctx, p, n, off);
}

/* Feed every line of one input to fn; returns 0, or -1 when it cannot be
 * read.  A gzip file cut short is read up to the cut, as it always was. */
static int feed_file(gt_io_line_fn *fn, void *s, const char *path)
{
    struct gt_io_file *f;
    int rc = gt_io_open(path, &f);

    if (rc != GT_OK) {
        cli_error("cannot open '%s'", path);
        return -1;
    }
    rc = gt_io_for_lines(f, CHUNK, LINE_MAX_BYTES, fn, s);
    if (rc < 0 && !(rc == GT_ERR_BADDATA && gt_io_truncated(f))) {
        cli_error("cannot read '%s': %s", path,
                  rc == GT_ERR_NOMEM ? "out of memory" : gt_io_errmsg(f));
        gt_io_close(f);
        return -1;
    }
    gt_io_close(f);
    return 0;
}

/* CSV archives: observations as NDJSON. */
static void csv_obs(const struct gt_obs *o, void *ud)
{
    struct run *r = ud;
    char t[GT_TIME_ISO_MAX];
    int rc;
    if (r->mode == OUT_COUNT) {
        return;
    }
    (void)gt_time_format_iso(o->t_ms, t, sizeof t, 0);
    rc = gt_buf_addf(&r->out, "{\"t\":\"%s\",\"mmsi\":%u", t, o->id.value);
    if (rc == GT_OK && (o->flags & GT_OBS_POS)) {
        rc = gt_buf_addf(&r->out, ",\"lat\":%.6f,\"lon\":%.6f", o->lat_deg, o->lon_deg);
    }
    if (rc == GT_OK && (o->flags & GT_OBS_SPEED)) {
        rc = gt_buf_addf(&r->out, ",\"sog\":%.1f", (double)o->speed_kn);
    }
    if (rc == GT_OK && (o->flags & GT_OBS_COURSE)) {
        rc = gt_buf_addf(&r->out, ",\"cog\":%.1f", (double)o->course_deg);
    }
    if (rc == GT_OK && (o->flags & GT_OBS_HEADING)) {
        rc = gt_buf_addf(&r->out, ",\"heading\":%.0f", (double)o->heading_deg);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(&r->out, ",\"offset\":%llu}\n", (unsigned long long)o->prov.pos);
    }
    if (rc != GT_OK) {
        r->err = 1;
    }
}

static void csv_ident(const struct gt_ident_obs *io, void *ud)
{
    struct run *r = ud;
    char t[GT_TIME_ISO_MAX];
    int rc;
    if (r->mode == OUT_COUNT) {
        return;
    }
    (void)gt_time_format_iso(io->t_ms, t, sizeof t, 0);
    rc = gt_buf_addf(&r->out, "{\"t\":\"%s\",\"mmsi\":%u,\"field\":\"%s\",\"value\":", t,
                     io->id.value, gt_ident_field_name(io->field));
    if (rc == GT_OK) {
        rc = gt_esc_json(&r->out, io->value, strlen(io->value));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(&r->out, "}\n");
    }
    if (rc != GT_OK) {
        r->err = 1;
    }
}

static void csv_line(void *ctx, const uint8_t *p, size_t n, uint64_t off)
{
    (void)gt_csv_import_feed(ctx, p, n, off);
}

static int run_csv(struct run *r, char **paths, int npaths)
{
    int i, rc = CLI_OK;
    unsigned k;
    for (i = 0; i < npaths; i++) {
        struct gt_csv_import *imp = gt_csv_import_new(csv_obs, csv_ident, r);
        const struct gt_csv_counters *c;
        if (imp == NULL) {
            cli_error("out of memory");
            return CLI_FAIL;
        }
        if (feed_file(csv_line, imp, paths[i]) < 0) {
            rc = CLI_FAIL;
        }
        (void)gt_csv_import_finish(imp); /* counts a row left inside an open quote */
        flush_out(r);
        c = gt_csv_import_counters(imp);
        fflush(stdout);
        fprintf(stderr, "ais csv: %s: %s, %llu rows, %llu observations, %llu identities", paths[i],
                gt_csv_import_kind(imp) == GT_CSV_DMA              ? "dma"
                : gt_csv_import_kind(imp) == GT_CSV_MARINECADASTRE ? "marinecadastre"
                : gt_csv_import_kind(imp) == GT_CSV_GENERIC        ? "generic"
                                                                   : "unknown layout",
                (unsigned long long)c->rows, (unsigned long long)c->obs,
                (unsigned long long)c->idents);
        for (k = 0; k < GT_CSVR_COUNT; k++) {
            if (c->reason[k] != 0) {
                fprintf(stderr, ", %s %llu", gt_csv_import_reason_name((enum gt_csv_reason)k),
                        (unsigned long long)c->reason[k]);
            }
        }
        fprintf(stderr, "\n");
        if (gt_csv_import_kind(imp) == GT_CSV_UNKNOWN) {
            rc = CLI_FAIL;
        }
        gt_csv_import_free(imp);
    }
    return rc;
}

/* Read up to size leading content bytes of path (not stdin) for sniffing. */
static size_t peek(const char *path, unsigned char *buf, size_t size)
{
    struct gt_io_file *f;
    int n;

    if (strcmp(path, "-") == 0 || gt_io_open(path, &f) != GT_OK) {
        return 0;
    }
    n = gt_io_read(f, buf, size);
    gt_io_close(f);
    return n > 0 ? (size_t)n : 0;
}

int cli_decode_ais_sniff(const unsigned char *p, size_t n)
{
    return gt_ais_sniff(p, n, NULL);
}

int cli_decode_ais_run(const struct cli_command *cmd, struct cli_args *a, char **paths, int npaths)
{
    struct gt_ais_stream_config cfg;
    struct gt_ais_stream *s;
    const struct gt_ais_counters *c;
    struct run r;
    int i, rc = CLI_OK;
    unsigned k;

    memset(&cfg, 0, sizeof cfg);
    memset(&r, 0, sizeof r);
    cfg.strict = cli_has(cmd, a, "strict") > 0;
    r.mode = cli_has(cmd, a, "count") ? OUT_COUNT : cli_has(cmd, a, "gpsd") ? OUT_GPSD : OUT_NDJSON;
    r.scaled = !cli_has(cmd, a, "unscaled");
    if (cli_has(cmd, a, "unscaled") && r.mode != OUT_GPSD) {
        return cli_usage_error(cmd, "--unscaled needs --gpsd");
    }
    gt_buf_init(&r.out, 1u << 20);
    {
        const char *fmt = cli_get(cmd, a, "format");
        enum gt_ais_format f = GT_AISF_UNKNOWN;
        if (fmt == NULL) {
            unsigned char head[4096];
            size_t n = peek(paths[0], head, sizeof head);
            (void)gt_ais_sniff(head, n, &f);
        }
        if ((fmt != NULL && (strcmp(fmt, "marinecadastre") == 0 || strcmp(fmt, "dma") == 0)) ||
            f == GT_AISF_MARINECADASTRE || f == GT_AISF_DMA) {
            if (r.mode == OUT_GPSD) {
                gt_buf_release(&r.out);
                return cli_usage_error(cmd, "--gpsd needs NMEA input");
            }
            rc = run_csv(&r, paths, npaths);
            gt_buf_release(&r.out);
            return rc;
        }
    }
    s = gt_ais_stream_new(&cfg, on_msg, &r);
    if (s == NULL) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    for (i = 0; i < npaths; i++) {
        if (feed_file(ais_line, s, paths[i]) < 0) {
            rc = CLI_FAIL;
        }
        flush_out(&r);
    }
    c = gt_ais_stream_counters(s);
    fflush(stdout);
    fprintf(stderr, "ais: %llu messages from %llu lines (%llu sentences)",
            (unsigned long long)c->messages, (unsigned long long)c->lines,
            (unsigned long long)c->sentences);
    for (k = 0; k < GT_AISR_COUNT; k++) {
        if (c->reason[k] != 0) {
            fprintf(stderr, ", %s %llu", gt_ais_reason_name((enum gt_ais_reason)k),
                    (unsigned long long)c->reason[k]);
        }
    }
    if (c->no_checksum != 0) {
        fprintf(stderr, ", no_checksum %llu", (unsigned long long)c->no_checksum);
    }
    if (c->tag_checksum != 0) {
        fprintf(stderr, ", tag_checksum %llu", (unsigned long long)c->tag_checksum);
    }
    fprintf(stderr, "\n");
    if (r.err) {
        cli_error("write error");
        rc = CLI_FAIL;
    }
    gt_ais_stream_free(s);
    gt_buf_release(&r.out);
    return rc;
}
