/*
 * fmt_ais.c - ingest format handlers for the AIS decoder family: NMEA 0183
 * with tag blocks and the other time-stamp forms, and the MarineCadastre /
 * DMA CSV archives.  Each wraps the decoder's streaming API (ais.h,
 * import.h) in the handler contract of ingest.h.
 *
 * Receiving stations named in the data (AIS tag-block "s:", USCG "r")
 * become store stations through sink->station; a name starting "SAT" is
 * taken as a satellite receiver, any other as terrestrial, which is what
 * the reception model of the maritime detectors splits on.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/import.h"
#include "ghosttrack/log.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"
#include "ingest_int.h"

/* ---- AIS NMEA ---- */

struct ais_state {
    struct gt_ais_stream *s;
    const struct gt_sink *sink; /* the sink of the current feed call */
    uint64_t line_pos;          /* offset of the line being fed */
    uint64_t last_pos;          /* highest offset emitted (offsets never go back) */
    int rc;                     /* first sink error */
    char station[32];           /* cache of the last station name and its id */
    uint32_t station_id;
    enum gt_rx_class rx;
    const struct gt_ingest_ctx *ctx; /* --start-time and --assume-line-rate */
    uint64_t lines;                  /* lines fed so far (the current one is lines - 1) */
};

/* The guessed time of the current line of a log without any time:
 * --start-time plus its line number over --assume-line-rate, both given
 * explicitly (docs/FORMATS.md, "Untimed recordings"), else GT_TIME_NONE. */
static int64_t guessed_time(const struct ais_state *st)
{
    if (st->ctx->start_ms == GT_TIME_NONE || !(st->ctx->line_rate > 0.0) || st->lines == 0) {
        return GT_TIME_NONE;
    }
    return st->ctx->start_ms + (int64_t)((double)(st->lines - 1) * 1000.0 / st->ctx->line_rate);
}

static enum gt_rx_class station_class(const char *name)
{
    return strncmp(name, "SAT", 3) == 0 || strncmp(name, "sat", 3) == 0 ? GT_RX_SATELLITE
                                                                        : GT_RX_TERRESTRIAL;
}

/* Resolve a station name to its store id, caching the last one. */
static void ais_station(struct ais_state *st, const char *name, uint32_t *id, enum gt_rx_class *rx)
{
    *id = 0;
    *rx = GT_RX_UNKNOWN;
    if (name[0] == '\0' || st->sink->station == NULL) {
        return;
    }
    if (strcmp(name, st->station) != 0) {
        snprintf(st->station, sizeof st->station, "%s", name);
        st->rx = station_class(name);
        st->station_id = st->sink->station(st->sink->ud, name, st->rx);
    }
    *id = st->station_id;
    *rx = st->rx;
}

/* A message completed by the current line.  Multi-sentence messages carry
 * the offset of their first sentence; when interleaving makes that lower
 * than what was already emitted, the current line's offset is used so the
 * pipeline's resume point stays monotonic. */
static void on_ais_msg(const struct gt_ais_msg *msg, void *ud)
{
    struct ais_state *st = ud;
    struct gt_ais_msg guessed;
    const struct gt_ais_msg *m = msg;
    struct gt_obs o;
    struct gt_ident_obs ids[8];
    uint64_t pos = m->offset >= st->last_pos ? m->offset : st->line_pos;
    uint32_t station_id;
    enum gt_rx_class rx;
    size_t i, n;
    int has_obs;

    if (st->rc < 0) {
        return;
    }
    if (m->t_ms == GT_TIME_NONE && guessed_time(st) != GT_TIME_NONE) {
        guessed = *msg;
        guessed.t_ms = guessed_time(st);
        m = &guessed;
    }
    ais_station(st, m->station, &station_id, &rx);
    st->last_pos = pos;
    has_obs = gt_ais_to_obs(m, &o);
    n = gt_ais_to_ident(m, ids, sizeof ids / sizeof ids[0]);
    if (m->t_ms == GT_TIME_NONE) {
        if (has_obs || n > 0) { /* a report that cannot be placed in time */
            st->sink->reject(st->sink->ud, "no-time", pos);
        }
        return;
    }
    if (has_obs && !(o.flags & GT_OBS_POS) && n == 0) {
        /* a position report whose position is "not available" (lat 91,
         * lon 181, ITU-R M.1371-5 table 45) and that gives no identity
         * fact either: nothing of it is stored */
        st->sink->reject(st->sink->ud, "no-position", pos);
    }
    if (has_obs && (o.flags & GT_OBS_POS)) {
        o.prov.kind = GT_PROV_NONE;
        o.prov.pos = pos;
        o.station_id = station_id;
        o.rx = rx;
        st->rc = st->sink->obs(st->sink->ud, &o);
        if (st->rc < 0) {
            return;
        }
    }
    for (i = 0; i < n && st->rc >= 0; i++) {
        if (ids[i].t_ms == GT_TIME_NONE) {
            continue;
        }
        ids[i].prov.kind = GT_PROV_NONE;
        ids[i].prov.pos = pos;
        ids[i].station_id = station_id;
        st->rc = st->sink->fact(st->sink->ud, &ids[i]);
    }
}

int gt__ingest_nmea_sniff(const uint8_t *p, size_t n, const char *path)
{
    enum gt_ais_format fmt = GT_AISF_UNKNOWN;
    int c = gt_ais_sniff(p, n, &fmt);

    (void)path;
    return fmt == GT_AISF_NMEA ? c : 0;
}

int gt__ingest_nmea_open(const struct gt_ingest_ctx *ctx, void **state)
{
    struct ais_state *st = gt_calloc(1, sizeof *st);

    if (st == NULL) {
        return GT_ERR_NOMEM;
    }
    st->ctx = ctx;
    st->s = gt_ais_stream_new(NULL, on_ais_msg, st);
    if (st->s == NULL) {
        gt_free(st);
        return GT_ERR_NOMEM;
    }
    *state = st;
    return GT_OK;
}

int gt__ingest_nmea_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink)
{
    struct ais_state *st = state;
    struct gt_ais_counters before = *gt_ais_stream_counters(st->s);
    const struct gt_ais_counters *after;
    int r;

    st->sink = sink;
    st->line_pos = pos;
    st->lines++;
    gt_ais_stream_feed(st->s, p, n, pos);
    after = gt_ais_stream_counters(st->s);
    /* every record the decoder refused on this line, each counted (a line
     * can hold several: a tag block and its sentence, two sentences) */
    for (r = 0; r < GT_AISR_COUNT; r++) {
        uint64_t k;
        for (k = before.reason[r]; k < after->reason[r]; k++) {
            sink->reject(sink->ud, gt_ais_reason_name((enum gt_ais_reason)r), pos);
        }
    }
    return st->rc < 0 ? st->rc : GT_OK;
}

void gt__ingest_nmea_close(void *state)
{
    struct ais_state *st = state;

    if (st != NULL) {
        gt_ais_stream_free(st->s);
        gt_free(st);
    }
}

/* ---- AIS CSV archives (MarineCadastre, DMA) ---- */

struct csv_state {
    struct gt_csv_import *imp;
    const struct gt_sink *sink;
    const char *path;  /* for the one message about a header it cannot read */
    uint64_t last_pos; /* offset of the last line fed */
    int rc;
    int nopos;          /* the row being fed had no usable position... */
    uint64_t nopos_pos; /* ...at this offset */
    int facts;          /* ...and gave this many identity facts */
};

static void on_csv_obs(const struct gt_obs *src, void *ud)
{
    struct csv_state *st = ud;
    struct gt_obs o = *src;

    if (st->rc < 0) {
        return;
    }
    if (!(o.flags & GT_OBS_POS)) {
        /* a row without a usable position (empty, 91/181): counted once
         * the row is done, unless its static fields gave facts (a static
         * message row of a satellite export is not a lost record) */
        st->nopos = 1;
        st->nopos_pos = o.prov.pos;
        return;
    }
    o.prov.kind = GT_PROV_NONE;
    st->rc = st->sink->obs(st->sink->ud, &o);
}

static void on_csv_ident(const struct gt_ident_obs *src, void *ud)
{
    struct csv_state *st = ud;
    struct gt_ident_obs io = *src;

    if (st->rc < 0) {
        return;
    }
    io.prov.kind = GT_PROV_NONE;
    st->facts++;
    st->rc = st->sink->fact(st->sink->ud, &io);
}

int gt__ingest_aiscsv_sniff(const uint8_t *p, size_t n, const char *path)
{
    enum gt_ais_format fmt = GT_AISF_UNKNOWN;
    int c = gt_ais_sniff(p, n, &fmt);

    (void)path;
    return fmt == GT_AISF_MARINECADASTRE || fmt == GT_AISF_DMA ? c : 0;
}

int gt__ingest_csv_sniff(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_csv_import_sniff(p, n);
}

int gt__ingest_aiscsv_open(const struct gt_ingest_ctx *ctx, void **state)
{
    struct csv_state *st = gt_calloc(1, sizeof *st);

    if (st == NULL) {
        return GT_ERR_NOMEM;
    }
    st->imp = gt_csv_import_new(on_csv_obs, on_csv_ident, st);
    if (st->imp == NULL) {
        gt_free(st);
        return GT_ERR_NOMEM;
    }
    st->path = ctx->path;
    if (ctx->columns != NULL && gt_csv_import_set_columns(st->imp, ctx->columns) < 0) {
        gt_log(GT_LOG_ERROR, "%s: %s", ctx->path, gt_csv_import_errmsg(st->imp));
        gt_csv_import_free(st->imp);
        gt_free(st);
        return GT_ERR_INVAL;
    }
    *state = st;
    return GT_OK;
}

int gt__ingest_aiscsv_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                           const struct gt_sink *sink)
{
    struct csv_state *st = state;
    struct gt_csv_counters before = *gt_csv_import_counters(st->imp);
    const struct gt_csv_counters *after;
    int r;

    st->sink = sink;
    st->last_pos = pos;
    st->nopos = 0;
    st->facts = 0;
    if (gt_csv_import_feed(st->imp, p, n, pos) == GT_ERR_UNSUPPORTED &&
        gt_csv_import_errmsg(st->imp)[0] != '\0') {
        gt_log(GT_LOG_ERROR, "%s: %s", st->path != NULL ? st->path : "-",
               gt_csv_import_errmsg(st->imp));
    }
    after = gt_csv_import_counters(st->imp);
    for (r = 0; r < GT_CSVR_COUNT; r++) {
        uint64_t k;
        for (k = before.reason[r]; k < after->reason[r]; k++) {
            sink->reject(sink->ud, gt_csv_import_reason_name((enum gt_csv_reason)r), pos);
        }
    }
    if (st->nopos && st->facts == 0 && st->rc >= 0) {
        sink->reject(sink->ud, "no-position", st->nopos_pos);
    }
    return st->rc < 0 ? st->rc : GT_OK;
}

int gt__ingest_aiscsv_finish(void *state, const struct gt_sink *sink)
{
    struct csv_state *st = state;

    if (gt_csv_import_finish(st->imp) == GT_ERR_BADDATA) {
        sink->reject(sink->ud, gt_csv_import_reason_name(GT_CSVR_FIELDS), st->last_pos);
    }
    return GT_OK;
}

void gt__ingest_aiscsv_close(void *state)
{
    struct csv_state *st = state;

    if (st != NULL) {
        gt_csv_import_free(st->imp);
        gt_free(st);
    }
}
