/*
 * stream.c - one object that takes raw bytes in any supported framing and
 * delivers decoded messages and observations: sniffing, framing, CRC and
 * decoding, Comm-B disambiguation, per-aircraft state, counters of every
 * rejected frame by reason.
 *
 * Time for the state table: the frame's absolute time when the input has
 * one, otherwise the receiver's 12 MHz counter (or Radarcape GPS time of
 * day) converted to milliseconds (relative, but good for CPR windows),
 * otherwise the last time seen.
 */
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"

#define SNIFF_MIN 1024

struct gt_modes_stream {
    struct gt_modes_framer framer;
    int framing_known;
    struct gt_modes_opts opts;
    struct gt_modes_state *state;
    gt_modes_event_fn cb;
    void *ctx;
    struct gt_modes_stats stats;
    uint8_t sniff[4096];
    size_t nsniff;
    uint64_t framer_bad_seen;
};

struct gt_modes_stream *gt_modes_stream_new(enum gt_modes_framing framing,
                                            const struct gt_modes_opts *opts,
                                            const struct gt_modes_state_cfg *cfg,
                                            gt_modes_event_fn cb, void *ctx)
{
    struct gt_modes_stream *st = gt_calloc(1, sizeof *st);

    if (st == NULL) {
        return NULL;
    }
    st->state = gt_modes_state_new(cfg);
    if (st->state == NULL) {
        gt_free(st);
        return NULL;
    }
    if (opts != NULL) {
        st->opts = *opts;
    } else {
        st->opts.fix_bits = 1;
    }
    gt_modes_framer_init(&st->framer, framing);
    st->framer.gps_ts = st->opts.beast_gps;
    st->framing_known = framing != GT_MODES_FRAMING_UNKNOWN;
    st->cb = cb;
    st->ctx = ctx;
    return st;
}

void gt_modes_stream_free(struct gt_modes_stream *st)
{
    if (st == NULL) {
        return;
    }
    gt_modes_state_free(st->state);
    gt_free(st);
}

static int64_t frame_time(const struct gt_modes_frame *fr)
{
    if (fr->t_ms != GT_TIME_NONE) {
        return fr->t_ms;
    }
    if (fr->has_rx_ts && fr->gps_ts) {
        /* Radarcape: seconds of the day in the top 18 bits, ns below */
        return (int64_t)((fr->rx_ts >> 30) * 1000u + (fr->rx_ts & 0x3fffffffu) / 1000000u);
    }
    if (fr->has_rx_ts) {
        return (int64_t)(fr->rx_ts / 12000u);
    }
    return GT_TIME_NONE;
}

static int on_frame(void *ctx, const struct gt_modes_frame *fr)
{
    struct gt_modes_stream *st = ctx;
    struct gt_modes_msg m;
    struct gt_modes_update u;
    struct gt_modes_event ev;
    int64_t t = frame_time(fr);

    st->stats.frames++;
    memset(&ev, 0, sizeof ev);
    ev.frame = fr;
    if (fr->framing == GT_MODES_FRAMING_SBS) {
        (void)gt_modes_state_update_sbs(st->state, &fr->sbs, t, &u);
        st->stats.accepted++;
        if (u.obs.flags & GT_OBS_POS) {
            st->stats.positions++;
        }
        ev.upd = &u;
        return st->cb ? st->cb(st->ctx, &ev) : 0;
    }
    if (gt_modes_decode(fr->msg, fr->len, &st->opts, gt_modes_state_known, st->state, &m) < 0) {
        st->stats.rejected[m.reject]++;
        return 0;
    }
    st->stats.accepted++;
    if (m.corrected) {
        st->stats.corrected++;
    }
    (void)gt_modes_state_resolve(st->state, &m, t);
    (void)gt_modes_state_update(st->state, &m, t, &u);
    if (u.obs.flags & GT_OBS_POS) {
        st->stats.positions++;
    }
    if (u.pos_rejected) {
        st->stats.pos_rejected++;
    }
    ev.msg = &m;
    ev.upd = &u;
    return st->cb ? st->cb(st->ctx, &ev) : 0;
}

static void sync_framer_bad(struct gt_modes_stream *st)
{
    st->stats.rejected[GT_MODES_REJ_FRAMING] += st->framer.nbad - st->framer_bad_seen;
    st->framer_bad_seen = st->framer.nbad;
}

int gt_modes_stream_feed(struct gt_modes_stream *st, const uint8_t *p, size_t n, int at_eof)
{
    int rc;

    if (!st->framing_known) {
        size_t take = sizeof st->sniff - st->nsniff;
        int conf;
        enum gt_modes_framing fm;
        if (take > n) {
            take = n;
        }
        if (take > 0) { /* p may be NULL when the caller only signals EOF */
            memcpy(st->sniff + st->nsniff, p, take);
            st->nsniff += take;
            p += take;
            n -= take;
        }
        if (st->nsniff < SNIFF_MIN && !at_eof) {
            return GT_OK;
        }
        fm = gt_modes_sniff(st->sniff, st->nsniff, &conf);
        if (fm == GT_MODES_FRAMING_UNKNOWN) {
            fm = GT_MODES_FRAMING_AVR; /* count every line as a framing reject */
        }
        gt_modes_framer_init(&st->framer, fm);
        st->framer.gps_ts = st->opts.beast_gps;
        st->framing_known = 1;
        rc = gt_modes_framer_feed(&st->framer, st->sniff, st->nsniff, at_eof && n == 0, on_frame,
                                  st);
        sync_framer_bad(st);
        if (rc != 0 || n == 0) {
            return rc;
        }
    }
    rc = gt_modes_framer_feed(&st->framer, p, n, at_eof, on_frame, st);
    sync_framer_bad(st);
    return rc;
}

void gt_modes_stream_stats(const struct gt_modes_stream *st, struct gt_modes_stats *out)
{
    *out = st->stats;
}

enum gt_modes_framing gt_modes_stream_framing(const struct gt_modes_stream *st)
{
    return st->framing_known ? st->framer.framing : GT_MODES_FRAMING_UNKNOWN;
}
