/*
 * decode_ais.c - the AIS family of `ghosttrack decode` (see cmd_decode.c):
 * reads NMEA AIS files (plain or gzip) or standard input in chunks, feeds
 * lines to the library's AIS stream and writes ghosttrack NDJSON, gpsd
 * JSON-AIS (--gpsd, --unscaled) or only counts (--count).  Ends with a
 * one-line summary on stderr: messages decoded and lines rejected by reason.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cli_int.h"
#include "ghosttrack/ais.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/mem.h"

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
        if (fwrite(gt_buf_str(&r->out), 1, gt_buf_len(&r->out), stdout) != gt_buf_len(&r->out)) {
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

/* Feed every line of one input; returns 0, or -1 when it cannot be read. */
static int feed_file(struct gt_ais_stream *s, const char *path)
{
    gzFile gz;
    static unsigned char buf[CHUNK + LINE_MAX_BYTES];
    size_t have = 0;
    uint64_t base = 0; /* input offset of buf[0] */

    if (strcmp(path, "-") == 0) {
        gz = gzdopen(dup(fileno(stdin)), "rb");
    } else {
        gz = gzopen(path, "rb");
    }
    if (gz == NULL) {
        cli_error("cannot open '%s'", path);
        return -1;
    }
    (void)gzbuffer(gz, 128 * 1024);
    for (;;) {
        int got = gzread(gz, buf + have, (unsigned)(CHUNK + LINE_MAX_BYTES - have));
        size_t start = 0, i;
        int eof;
        if (got < 0) {
            int e;
            cli_error("cannot read '%s': %s", path, gzerror(gz, &e));
            (void)gzclose(gz);
            return -1;
        }
        eof = got == 0;
        have += (size_t)got;
        for (i = 0; i < have; i++) {
            const unsigned char *nl = memchr(buf + i, '\n', have - i);
            if (nl == NULL) {
                break;
            }
            i = (size_t)(nl - buf);
            gt_ais_stream_feed(s, buf + start, i - start + 1, base + start);
            start = i + 1;
        }
        if (eof) {
            if (start < have) {
                gt_ais_stream_feed(s, buf + start, have - start, base + start);
            }
            break;
        }
        if (start == 0 && have == CHUNK + LINE_MAX_BYTES) {
            /* an over-long line: feed it cut, it will be counted as junk or malformed */
            gt_ais_stream_feed(s, buf, have, base);
            start = have;
        }
        memmove(buf, buf + start, have - start);
        have -= start;
        base += start;
    }
    (void)gzclose(gz);
    return 0;
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
    {
        const char *fmt = cli_get(cmd, a, "format");
        if (fmt != NULL && (strcmp(fmt, "marinecadastre") == 0 || strcmp(fmt, "dma") == 0)) {
            cli_error("'%s' input is not available yet for decode (issue #%d)", fmt, 3);
            return CLI_USAGE;
        }
    }
    gt_buf_init(&r.out, 1u << 20);
    s = gt_ais_stream_new(&cfg, on_msg, &r);
    if (s == NULL) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    for (i = 0; i < npaths; i++) {
        if (feed_file(s, paths[i]) < 0) {
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
