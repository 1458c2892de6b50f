/*
 * fmt_modes.c - the ingest format handler for the Mode S decoder family:
 * AVR, Beast, SBS-1, OpenSky raw CSV and epoch-hex lines, all through the
 * decoder's byte stream (modes.h) in the handler contract of ingest.h.
 * Decoder rejects are counted by reason and reported to the sink at the
 * offset where the stream stood.
 */
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"
#include "ingest_int.h"

/* ---- Mode S ---- */

struct modes_state {
    struct gt_modes_stream *s;
    const struct gt_sink *sink;
    uint64_t base; /* content offset of the first byte fed */
    int started;
    uint64_t rejected[GT_MODES_REJ_COUNT];
};

static int on_modes_event(void *ctx, const struct gt_modes_event *ev)
{
    struct modes_state *st = ctx;
    uint64_t pos = st->base + ev->frame->offset;
    int i, rc = GT_OK;

    if (ev->upd == NULL) {
        return GT_OK;
    }
    if (ev->upd->has_obs && (ev->upd->obs.flags & GT_OBS_POS) &&
        ev->upd->obs.t_ms != GT_TIME_NONE) {
        struct gt_obs o = ev->upd->obs;
        o.prov.kind = GT_PROV_NONE;
        o.prov.pos = pos;
        rc = st->sink->obs(st->sink->ud, &o);
    }
    for (i = 0; rc >= 0 && i < ev->upd->nident; i++) {
        struct gt_ident_obs io = ev->upd->ident[i];
        if (io.t_ms == GT_TIME_NONE) {
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

    (void)ctx;
    if (st == NULL) {
        return GT_ERR_NOMEM;
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
