/*
 * bench/modes.c - Mode S decoder throughput.
 *
 * Builds a corpus of at least 1 M frames by replaying real frames (the
 * pyModeS ADS-B sample and the DF20/21 Comm-B samples from
 * $GT_SHARED/modes/samples, in file order, the whole set shifted forward in
 * time on each replay; each Comm-B aircraft is first confirmed by a DF11
 * built from its true address, as a receiver would hear it) and measures,
 * on one core:
 *
 *   decode-only       gt_modes_decode() on each raw frame
 *   decode+CPR+state  decode with address confirmation, Comm-B resolution,
 *                     CPR pairing/local decoding and observations
 *   AVR stream        the same frames as "@counter" AVR text through
 *                     gt_modes_stream (framing + everything)
 *   Beast stream      the same frames as Beast binary (12 MHz counter,
 *                     0x1a escaped) through gt_modes_stream
 *   NDJSON            the AVR stream with every event written by
 *                     gt_modes_json() (what `decode` writes), and the
 *                     writer's own rate (that time less the stream's)
 *
 * Times are CPU seconds of this process (one thread): the machine is
 * shared, and wall time there measures the neighbours too.
 *
 * Usage: build/bench/modes [FRAMES]   (default 2,000,000)
 * With GT_BENCH_DUMP=DIR the AVR and Beast corpora are also written to
 * DIR/modes.avr and DIR/modes.beast (bench/readsb.sh feeds them to readsb).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/modes.h"

#include "bench.h"

struct frame {
    uint8_t b[14];
    uint8_t len;
    int64_t t_ms;
};

/* Millions of messages per second. */
static double rate(size_t n, double secs)
{
    return (double)n / secs / 1e6;
}

static int hexv(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Find a 14- or 28-digit hex token in a CSV line; returns bytes or 0. */
static int parse_line(const char *line, struct frame *f)
{
    const char *p = line;
    long long ts = atoll(line + ((unsigned char)line[0] == 0xef ? 3 : 0));
    while (*p) {
        size_t n = 0;
        while (hexv((unsigned char)p[n]) >= 0) {
            n++;
        }
        if ((n == 14 || n == 28) && (p == line || p[-1] == ',' || p[-1] == '"')) {
            size_t i;
            for (i = 0; i < n / 2; i++) {
                f->b[i] = (uint8_t)(hexv((unsigned char)p[2 * i]) << 4 |
                                    hexv((unsigned char)p[2 * i + 1]));
            }
            f->len = (uint8_t)(n / 2);
            f->t_ms = ts * 1000;
            return 1;
        }
        p += n ? n : 1;
    }
    return 0;
}

/* A DF11 all-call reply from addr (CA 5, valid parity), as a receiver hears
 * from every aircraft it later sees on DF20/21. */
static void df11(uint32_t addr, int64_t t_ms, struct frame *f)
{
    uint32_t c;
    memset(f, 0, sizeof *f);
    f->b[0] = 0x5d;
    f->b[1] = (uint8_t)(addr >> 16);
    f->b[2] = (uint8_t)(addr >> 8);
    f->b[3] = (uint8_t)addr;
    c = gt_modes_crc(f->b, 56);
    f->b[4] = (uint8_t)(c >> 16);
    f->b[5] = (uint8_t)(c >> 8);
    f->b[6] = (uint8_t)c;
    f->len = 7;
    f->t_ms = t_ms;
}

static size_t load(const char *dir, const char *name, struct frame *out, size_t max)
{
    char path[1024], line[512];
    FILE *fp;
    size_t n = 0;
    static uint32_t seen[4096];
    static size_t nseen;
    snprintf(path, sizeof path, "%s/modes/samples/%s", dir, name);
    fp = fopen(path, "r");
    if (fp == NULL) {
        return 0;
    }
    while (n + 1 < max && fgets(line, sizeof line, fp) != NULL) {
        const char *comma = strchr(line, ',');
        if (!parse_line(line, &out[n])) {
            continue;
        }
        if (comma != NULL && strchr(comma + 1, ',') - comma == 7) {
            /* "ts,ICAO,hex": confirm the address with a DF11 first */
            uint32_t a = (uint32_t)strtoul(comma + 1, NULL, 16);
            size_t k;
            for (k = 0; k < nseen && seen[k] != a; k++) {
            }
            if (k == nseen && nseen < 4096) {
                seen[nseen++] = a;
                out[n + 1] = out[n];
                df11(a, out[n].t_ms, &out[n]);
                n++;
            }
        }
        n++;
    }
    fclose(fp);
    return n;
}

static int count(void *ctx, const struct gt_modes_event *ev)
{
    (void)ev;
    (*(uint64_t *)ctx)++;
    return 0;
}

struct jctx {
    struct gt_buf b;
    uint64_t lines, bytes;
};

static int to_json(void *ctx, const struct gt_modes_event *ev)
{
    struct jctx *j = ctx;
    if (gt_modes_json(ev, 0, &j->b) > 0) {
        j->lines++;
    }
    if (gt_buf_len(&j->b) > (1u << 20)) {
        j->bytes += gt_buf_len(&j->b);
        gt_buf_reset(&j->b);
    }
    return 0;
}

static void dump(const char *dir, const char *name, const void *p, size_t n)
{
    char path[1024];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    if (fp == NULL || fwrite(p, 1, n, fp) != n) {
        fprintf(stderr, "bench/modes: cannot write %s\n", path);
    }
    if (fp != NULL) {
        fclose(fp);
    }
}

/* Best of 3 feeds of text through a new stream with callback fn. */
static double feed_best(enum gt_modes_framing fr, const char *text, size_t len,
                        gt_modes_event_fn fn, void *ctx, struct gt_modes_stats *stats)
{
    double best = 0;
    int k;
    for (k = 0; k < 3; k++) {
        struct gt_modes_stream *s = gt_modes_stream_new(fr, NULL, NULL, fn, ctx);
        double t0 = bench_cpu_s(), t1;
        (void)gt_modes_stream_feed(s, (const uint8_t *)text, len, 1);
        t1 = bench_cpu_s();
        gt_modes_stream_stats(s, stats);
        gt_modes_stream_free(s);
        if (k == 0 || t1 - t0 < best) {
            best = t1 - t0;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    const char *dir = getenv("GT_SHARED");
    size_t want = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 2000000;
    static struct frame base[32768];
    size_t nb = 0, i, ok = 0, pos = 0;
    struct frame *corpus;
    struct gt_modes_msg m;
    struct gt_modes_update u;
    struct gt_modes_state *st;
    double t0, t1;
    int64_t span;

    if (dir == NULL) {
        dir = "../shared/data";
    }
    {
        /* the samples come from different years: lay them end to end */
        static const char *const files[] = {"pymodes_sample_data_adsb.csv",
                                            "pymodes_sample_data_commb_df20.csv",
                                            "pymodes_sample_data_commb_df21.csv"};
        int64_t end = 0;
        size_t k, j;
        for (k = 0; k < 3; k++) {
            size_t got = load(dir, files[k], base + nb, 32768 - nb);
            int64_t first = got ? base[nb].t_ms : 0;
            for (j = nb; j < nb + got; j++) {
                base[j].t_ms = base[j].t_ms - first + end;
            }
            nb += got;
            end = nb ? base[nb - 1].t_ms + 1000 : 0;
        }
    }
    if (nb == 0) {
        fprintf(stderr, "bench/modes: no frames under %s/modes/samples (set GT_SHARED)\n", dir);
        return 1;
    }
    span = base[nb - 1].t_ms - base[0].t_ms + 1000;
    if (span < 1000) {
        span = 1000;
    }
    corpus = gt_malloc(want * sizeof *corpus);
    if (corpus == NULL) {
        return 1;
    }
    for (i = 0; i < want; i++) {
        corpus[i] = base[i % nb];
        corpus[i].t_ms += (int64_t)(i / nb) * span;
    }
    printf("modes bench: %zu frames (%zu real frames replayed %zu times)\n", want, nb,
           (want + nb - 1) / nb);

    t0 = bench_cpu_s();
    for (i = 0; i < want; i++) {
        ok += gt_modes_decode(corpus[i].b, corpus[i].len, NULL, NULL, NULL, &m) == GT_OK;
    }
    t1 = bench_cpu_s();
    printf("decode-only:       %.2f M msg/s (%zu accepted, %.3f s)\n", rate(want, t1 - t0), ok,
           t1 - t0);

    st = gt_modes_state_new(NULL);
    ok = 0;
    t0 = bench_cpu_s();
    for (i = 0; i < want; i++) {
        if (gt_modes_decode(corpus[i].b, corpus[i].len, NULL, gt_modes_state_known, st, &m) !=
            GT_OK) {
            continue;
        }
        ok++;
        (void)gt_modes_state_resolve(st, &m, corpus[i].t_ms);
        (void)gt_modes_state_update(st, &m, corpus[i].t_ms, &u);
        pos += (u.obs.flags & GT_OBS_POS) != 0;
    }
    t1 = bench_cpu_s();
    printf("decode+CPR+state:  %.2f M msg/s (%zu accepted, %zu positions, %.3f s)\n",
           rate(want, t1 - t0), ok, pos, t1 - t0);
    gt_modes_state_free(st);

    {
        /* the same frames as AVR text with 12 MHz counters */
        size_t cap = want * 46, len = 0;
        char *text = gt_malloc(cap);
        uint64_t ev = 0;
        struct gt_modes_stats stats;
        if (text == NULL) {
            return 1;
        }
        for (i = 0; i < want; i++) {
            size_t k;
            uint64_t ctr = (uint64_t)(corpus[i].t_ms - corpus[0].t_ms) * 12000u;
            len += (size_t)snprintf(text + len, cap - len, "@%012llx",
                                    (unsigned long long)(ctr & 0xffffffffffffULL));
            for (k = 0; k < corpus[i].len; k++) {
                static const char hx[] = "0123456789abcdef";
                text[len++] = hx[corpus[i].b[k] >> 4];
                text[len++] = hx[corpus[i].b[k] & 15];
            }
            text[len++] = ';';
            text[len++] = '\n';
        }
        double ts, tj, tb;
        struct jctx j;
        char *beast;
        size_t blen = 0;
        const char *dir_out = getenv("GT_BENCH_DUMP");
        ts = feed_best(GT_MODES_FRAMING_AVR, text, len, count, &ev, &stats);
        printf("AVR stream (all):  %.2f M msg/s (%llu accepted, %.1f MB/s)\n", rate(want, ts),
               (unsigned long long)stats.accepted, (double)len / ts / 1e6);

        memset(&j, 0, sizeof j);
        gt_buf_init(&j.b, 1u << 24);
        tj = feed_best(GT_MODES_FRAMING_AVR, text, len, to_json, &j, &stats);
        j.bytes += gt_buf_len(&j.b);
        gt_buf_release(&j.b);
        printf("AVR + NDJSON:      %.2f M msg/s (%llu lines/3, %.1f MB out), writer alone "
               "%.2f M lines/s\n",
               rate(want, tj), (unsigned long long)(j.lines / 3), (double)j.bytes / 3e6,
               tj > ts ? (double)j.lines / 3 / (tj - ts) / 1e6 : 0.0);
        printf("bench: modes_ndjson %.2f M msg/s, limit 3.00 M msg/s, ratio %.2f\n", rate(want, tj),
               rate(want, tj) / 3.0);

        /* Beast: type '2' (56 bits) or '3' (112 bits), 6-byte counter, signal */
        beast = gt_malloc(want * 46);
        if (beast == NULL) {
            return 1;
        }
        for (i = 0; i < want; i++) {
            uint8_t rec[1 + 6 + 1 + 14];
            size_t k, n = 0;
            uint64_t ctr = (uint64_t)(corpus[i].t_ms - corpus[0].t_ms) * 12000u;
            rec[n++] = corpus[i].len == 7 ? '2' : '3';
            for (k = 0; k < 6; k++) {
                rec[n++] = (uint8_t)(ctr >> (40 - 8 * k));
            }
            rec[n++] = 0x80;
            memcpy(rec + n, corpus[i].b, corpus[i].len);
            n += corpus[i].len;
            beast[blen++] = 0x1a;
            for (k = 0; k < n; k++) {
                beast[blen++] = (char)rec[k];
                if (rec[k] == 0x1a) {
                    beast[blen++] = 0x1a;
                }
            }
        }
        ev = 0;
        tb = feed_best(GT_MODES_FRAMING_BEAST, beast, blen, count, &ev, &stats);
        printf("Beast stream (all): %.2f M msg/s (%llu accepted, %.1f MB/s)\n", rate(want, tb),
               (unsigned long long)stats.accepted, (double)blen / tb / 1e6);
        if (dir_out != NULL) {
            dump(dir_out, "modes.avr", text, len);
            dump(dir_out, "modes.beast", beast, blen);
        }
        gt_free(beast);
        gt_free(text);
    }
    gt_free(corpus);
    return 0;
}
