/*
 * fmt_modes.c - the ingest format handler for the Mode S decoder family:
 * AVR, Beast, SBS-1, OpenSky raw CSV and epoch-hex lines, all through the
 * decoder's byte stream (modes.h) in the handler contract of ingest.h.
 * Decoder rejects are counted by reason and reported to the sink at the
 * offset where the stream stood.
 *
 * Time.  SBS, OpenSky and epoch-hex records carry UTC.  Beast and AVR
 * frames carry only the receiver's clock: a 12 MHz counter from power-on
 * (Mode-S Beast, dump1090, readsb), or on a Radarcape in GPS mode the UTC
 * time of day (its status frames say which).  Neither is a date, so the
 * recording is anchored: the counter's first value is taken as the start
 * time -- --start-time, or else the epoch the recorder wrote into the file
 * name ("...-utc--1522782148.136310917--.log", as `nc HOST 30005 >
 * NAME-utc--$(date +%s.%N)--.log` names it) -- and later frames are placed
 * by their counter difference; a time of day is put on the start's date
 * (rolling over at midnight).  Without an anchor the records are refused
 * ("no-clock-anchor", "no-date"), never stored in 1970, and frames with
 * no time stamp at all are refused as "no-time".  The 48-bit counter wraps
 * after 271 days of receiver uptime; a wrap inside one capture is not
 * followed.
 */
#include <ctype.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"
#include "ingest_int.h"

/* ---- Mode S ---- */

#define DAY_MS INT64_C(86400000)

struct modes_state {
    struct gt_modes_stream *s;
    const struct gt_sink *sink;
    uint64_t base; /* content offset of the first byte fed */
    int started;
    uint64_t rejected[GT_MODES_REJ_COUNT];
    const struct gt_ingest_ctx *ctx; /* --start-time, read at the first frame */
    int64_t start_ms;                /* the anchor: when the recording began, or GT_TIME_NONE */
    int64_t name_ms;                 /* the file name's epoch, or GT_TIME_NONE */
    int anchored;                    /* start_ms chosen */
    int have_rx0;                    /* counter: rx0_ms is the first frame's counter in ms */
    int64_t rx0_ms;
    int have_tod; /* GPS time of day: day_ms is the current date's midnight */
    int64_t day_ms;
    int64_t last_tod;
};

int gt__ingest_name_epoch(const char *path, int64_t *t_ms)
{
    const char *base = strrchr(path, '/'), *p;
    int64_t sec = 0, ms = 0, scale = 100;
    int digits = 0;

    base = base != NULL ? base + 1 : path;
    for (p = base; *p != '\0'; p++) {
        if (tolower((unsigned char)p[0]) == 'u' && tolower((unsigned char)p[1]) == 't' &&
            tolower((unsigned char)p[2]) == 'c' && p[3] == '-' && p[4] == '-' &&
            isdigit((unsigned char)p[5])) {
            break;
        }
    }
    if (*p == '\0') {
        return GT_ERR_NOTFOUND;
    }
    for (p += 5; isdigit((unsigned char)*p) && digits < 11; p++, digits++) {
        sec = sec * 10 + (*p - '0');
    }
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++) {
            ms += (*p - '0') * scale;
            scale /= 10;
        }
    }
    /* 1973-03-03 .. 2100-01-01: an epoch in seconds, not a counter */
    if (isdigit((unsigned char)*p) || sec < INT64_C(100000000) || sec > INT64_C(4102444800)) {
        return GT_ERR_BADDATA;
    }
    *t_ms = sec * 1000 + ms;
    return GT_OK;
}

/* The UTC time of a record the decoder timed t (ms) from frame fr, or
 * GT_TIME_NONE with *why set when it cannot be placed. */
static int64_t anchor_time(struct modes_state *st, const struct gt_modes_frame *fr, int64_t t,
                           const char **why)
{
    *why = NULL;
    if (!st->anchored) {
        st->start_ms = st->ctx->start_ms != GT_TIME_NONE ? st->ctx->start_ms : st->name_ms;
        st->anchored = 1;
    }
    if (fr->t_ms != GT_TIME_NONE || fr->framing == GT_MODES_FRAMING_SBS) {
        if (t == GT_TIME_NONE) {
            *why = "no-time";
        }
        return t; /* the record's own UTC */
    }
    if (!fr->has_rx_ts || t == GT_TIME_NONE) {
        *why = "no-time";
        return GT_TIME_NONE;
    }
    if (fr->gps_ts) {
        int64_t tod = t % DAY_MS;
        if (st->start_ms == GT_TIME_NONE) {
            *why = "no-date";
            return GT_TIME_NONE;
        }
        if (!st->have_tod) {
            /* the start's date; a first frame more than 12 h before the
             * start's time of day is on the next day */
            st->day_ms = st->start_ms - st->start_ms % DAY_MS;
            if (st->day_ms + tod < st->start_ms - DAY_MS / 2) {
                st->day_ms += DAY_MS;
            }
            st->have_tod = 1;
        } else if (tod < st->last_tod - DAY_MS / 2) {
            st->day_ms += DAY_MS; /* past midnight */
        }
        st->last_tod = tod;
        return st->day_ms + tod;
    }
    if (st->start_ms == GT_TIME_NONE) {
        *why = "no-clock-anchor";
        return GT_TIME_NONE;
    }
    if (!st->have_rx0) {
        st->rx0_ms = t;
        st->have_rx0 = 1;
    }
    return st->start_ms + (t - st->rx0_ms);
}

static int on_modes_event(void *ctx, const struct gt_modes_event *ev)
{
    struct modes_state *st = ctx;
    uint64_t pos = st->base + ev->frame->offset;
    const char *why;
    int i, rc = GT_OK;

    if (ev->upd == NULL) {
        return GT_OK;
    }
    if (ev->upd->has_obs && (ev->upd->obs.flags & GT_OBS_POS)) {
        struct gt_obs o = ev->upd->obs;
        o.t_ms = anchor_time(st, ev->frame, o.t_ms, &why);
        o.prov.kind = GT_PROV_NONE;
        o.prov.pos = pos;
        if (o.t_ms == GT_TIME_NONE) {
            st->sink->reject(st->sink->ud, why, pos);
        } else {
            rc = st->sink->obs(st->sink->ud, &o);
        }
    }
    for (i = 0; rc >= 0 && i < ev->upd->nident; i++) {
        struct gt_ident_obs io = ev->upd->ident[i];
        io.t_ms = anchor_time(st, ev->frame, io.t_ms, &why);
        if (io.t_ms == GT_TIME_NONE) {
            st->sink->reject(st->sink->ud, why, pos);
            continue;
        }
        io.prov.kind = GT_PROV_NONE;
        io.prov.pos = pos;
        rc = st->sink->fact(st->sink->ud, &io);
    }
    return rc;
}

int gt__ingest_modes_sniff(const uint8_t *p, size_t n, const char *path)
{
    int c = 0;

    (void)path;
    if (gt_modes_sniff(p, n, &c) == GT_MODES_FRAMING_UNKNOWN) {
        return 0;
    }
    return c;
}

int gt__ingest_modes_open(const struct gt_ingest_ctx *ctx, void **state)
{
    struct modes_state *st = gt_calloc(1, sizeof *st);

    if (st == NULL) {
        return GT_ERR_NOMEM;
    }
    st->ctx = ctx;
    if (ctx->path == NULL || gt__ingest_name_epoch(ctx->path, &st->name_ms) != GT_OK) {
        st->name_ms = GT_TIME_NONE;
    }
    st->s = gt_modes_stream_new(GT_MODES_FRAMING_UNKNOWN, NULL, NULL, on_modes_event, st);
    if (st->s == NULL) {
        gt_free(st);
        return GT_ERR_NOMEM;
    }
    *state = st;
    return GT_OK;
}

/* Report frames the decoder rejected since the last call, by reason. */
static void modes_rejects(struct modes_state *st, const struct gt_sink *sink, uint64_t pos)
{
    struct gt_modes_stats s;
    int r;

    gt_modes_stream_stats(st->s, &s);
    for (r = 0; r < GT_MODES_REJ_COUNT; r++) {
        while (s.rejected[r] > st->rejected[r]) {
            sink->reject(sink->ud, gt_modes_reject_name((enum gt_modes_reject)r), pos);
            st->rejected[r]++;
        }
    }
}

int gt__ingest_modes_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                          const struct gt_sink *sink)
{
    struct modes_state *st = state;
    int rc;

    if (!st->started) {
        st->base = pos;
        st->started = 1;
    }
    st->sink = sink;
    rc = gt_modes_stream_feed(st->s, p, n, 0);
    modes_rejects(st, sink, pos);
    return rc < 0 ? rc : GT_OK;
}

int gt__ingest_modes_finish(void *state, const struct gt_sink *sink)
{
    struct modes_state *st = state;
    int rc;

    st->sink = sink;
    rc = gt_modes_stream_feed(st->s, NULL, 0, 1);
    modes_rejects(st, sink, st->base);
    return rc < 0 ? rc : GT_OK;
}

void gt__ingest_modes_close(void *state)
{
    struct modes_state *st = state;

    if (st != NULL) {
        gt_modes_stream_free(st->s);
        gt_free(st);
    }
}
