/*
 * segment.c - split one AIS track into hull segments (see segment.h).
 *
 * Implements the published behaviour of Global Fishing Watch's segmenter
 * (pipe-segment): several segments stay open per MMSI, each new position
 * goes to the open segment it continues best (dead reckoning from the
 * segment's last report, within a 30 kn implied-speed limit and 24 h), and
 * a position that continues none opens a new segment.  Written from the
 * description, not from their code.
 *
 * Distances here use the equirectangular approximation: the segmenter runs
 * over every position of every vessel, and for the thresholds involved
 * (tens of kilometres at most between accepted reports) its error is far
 * below the 1 km noise allowance.
 */
#include "ghosttrack/segment.h"

#include <math.h>
#include <string.h>

#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

void gt_seg_params_default(struct gt_seg_params *p)
{
    p->max_hours = 24.0;
    p->max_speed_kn = 30.0;
    p->noise_km = 1.0;
    p->dup_ms = 1000;
    p->max_open = 16;
    p->split_class = 0;
}

int gt_segment_invalid_speed(float v)
{
    return fabsf(v - 51.2f) < 0.05f || fabsf(v - 63.0f) < 0.05f || v >= 102.25f;
}

/* Milliseconds as hours. */
static double ms_to_h(int64_t ms)
{
    return (double)ms / 3600000.0;
}

/* Is the reported speed and course of p usable for dead reckoning? */
static int has_motion(const struct gt_point *p)
{
    return (p->flags & GT_OBS_SPEED) && (p->flags & GT_OBS_COURSE) &&
           !gt_segment_invalid_speed(p->speed_kn) && p->course_deg < 360.0f;
}

/* Distance in km from where q's reported motion puts it dt_h later to p. */
static double dr_error_km(const struct gt_point *q, const struct gt_point *p, double dt_h)
{
    const double k = 3.14159265358979323846 / 180.0;
    double run_km = (double)q->speed_kn * 1.852 * dt_h;
    double c = (double)q->course_deg * k;
    double dlat = run_km * cos(c) / 111.195;
    double coslat = cos(q->lat_deg * k);
    double dlon = coslat > 0.01 ? run_km * sin(c) / (111.195 * coslat) : 0.0;

    return gt_geo_fast_km(q->lat_deg + dlat, q->lon_deg + dlon, p->lat_deg, p->lon_deg);
}

static int valid_position(const struct gt_point *p)
{
    return (p->flags & GT_OBS_POS) && p->lat_deg >= -90.0 && p->lat_deg <= 90.0 &&
           p->lon_deg >= -180.0 && p->lon_deg <= 180.0 &&
           !(fabs(p->lat_deg) < 1e-9 && fabs(p->lon_deg) < 1e-9);
}

/* An open segment: its number and its last point. */
struct open_seg {
    uint32_t seg;
    size_t last;
};

static uint32_t to_u32(size_t v)
{
    return (uint32_t)v;
}

void gt_segs_release(struct gt_segs *s)
{
    gt_free(s->seg);
    gt_free(s->start);
    gt_free(s->idx);
    memset(s, 0, sizeof *s);
}

/* Fill start[] and idx[] from seg[] by a counting sort (stable, so each
 * segment's points stay in time order). */
static int group(struct gt_segs *s)
{
    size_t i;

    s->start = gt_calloc(s->nseg + 1, sizeof *s->start);
    s->idx = gt_malloc((s->npts ? s->npts : 1) * sizeof *s->idx);
    if (s->start == NULL || s->idx == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < s->npts; i++) {
        if (s->seg[i] != GT_SEG_DROPPED) {
            s->start[s->seg[i] + 1]++;
        }
    }
    for (i = 0; i < s->nseg; i++) {
        s->start[i + 1] += s->start[i];
    }
    {
        size_t *fill = gt_malloc((s->nseg ? s->nseg : 1) * sizeof *fill);
        if (fill == NULL) {
            return GT_ERR_NOMEM;
        }
        memcpy(fill, s->start, s->nseg * sizeof *fill);
        for (i = 0; i < s->npts; i++) {
            if (s->seg[i] != GT_SEG_DROPPED) {
                s->idx[fill[s->seg[i]]++] = i;
            }
        }
        gt_free(fill);
    }
    return GT_OK;
}

/* Is p a second copy of q (another station hearing the same report)? */
static int duplicate(const struct gt_point *q, const struct gt_point *p, int64_t dup_ms)
{
    int64_t dt = p->t_ms - q->t_ms;

    return dt <= dup_ms && dt >= -dup_ms && fabs(p->lat_deg - q->lat_deg) < 1e-5 &&
           fabs(p->lon_deg - q->lon_deg) < 1e-5;
}

int gt_segment_track(const struct gt_track *t, const struct gt_seg_params *p, struct gt_segs *out)
{
    struct gt_seg_params dflt;
    struct open_seg open[64];
    size_t nopen = 0, i, k, c, ncand, maxopen, cand_k[64];
    double cand_d[64];
    int64_t max_ms;

    memset(out, 0, sizeof *out);
    if (p == NULL) {
        gt_seg_params_default(&dflt);
        p = &dflt;
    }
    maxopen = p->max_open < 1 ? 1 : p->max_open > 64 ? 64 : p->max_open;
    max_ms = (int64_t)(p->max_hours * 3600000.0);
    out->npts = t->n;
    out->seg = gt_malloc((t->n ? t->n : 1) * sizeof *out->seg);
    if (out->seg == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < t->n; i++) {
        const struct gt_point *pt = &t->pts[i];
        double best = HUGE_VAL;
        size_t bestk = SIZE_MAX;
        int dup = 0;

        out->seg[i] = GT_SEG_DROPPED;
        if (!valid_position(pt)) {
            out->ndropped++;
            continue;
        }
        /* Close stale segments, look for a duplicate, collect the segments
         * the point can continue. */
        ncand = 0;
        for (k = 0; k < nopen;) {
            const struct gt_point *q = &t->pts[open[k].last];
            int64_t dt_ms = pt->t_ms - q->t_ms;
            double d;
            if (dt_ms > max_ms) {
                open[k] = open[--nopen]; /* only slots >= k move */
                continue;
            }
            if (duplicate(q, pt, p->dup_ms)) {
                dup = 1;
                break;
            }
            if (p->split_class && ((q->flags ^ pt->flags) & GT_OBS_NAVSTAT)) {
                k++; /* class A and class B reports come from different hulls */
                continue;
            }
            d = gt_geo_fast_km(q->lat_deg, q->lon_deg, pt->lat_deg, pt->lon_deg);
            if (d <= p->max_speed_kn * 1.852 * ms_to_h(dt_ms) + p->noise_km) {
                cand_k[ncand] = k;
                cand_d[ncand++] = d;
            }
            k++;
        }
        /* One candidate is the common case; with several, the one whose
         * dead-reckoned position the point matches best wins. */
        if (!dup && ncand == 1) {
            bestk = cand_k[0];
        }
        for (c = 0; !dup && ncand > 1 && c < ncand; c++) {
            const struct gt_point *q = &t->pts[open[cand_k[c]].last];
            double dt_h = ms_to_h(pt->t_ms - q->t_ms), cost = cand_d[c];
            if (has_motion(q) && dt_h < 2.0) {
                double e = dr_error_km(q, pt, dt_h);
                cost = e < cost ? e : cost;
            }
            /* Prefer the segment heard most recently on a tie. */
            if (cost < best ||
                (!(cost > best) && bestk != SIZE_MAX && q->t_ms > t->pts[open[bestk].last].t_ms)) {
                best = cost;
                bestk = cand_k[c];
            }
        }
        if (dup) {
            out->ndropped++;
            out->ndup++;
            continue;
        }
        if (bestk == SIZE_MAX) {
            if (nopen == maxopen) { /* close the stalest */
                size_t old = 0;
                for (k = 1; k < nopen; k++) {
                    if (open[k].last < open[old].last) {
                        old = k;
                    }
                }
                open[old] = open[--nopen];
            }
            open[nopen].seg = to_u32(out->nseg++);
            bestk = nopen++;
        }
        open[bestk].last = i;
        out->seg[i] = open[bestk].seg;
    }
    if (group(out) != GT_OK) {
        gt_segs_release(out);
        return GT_ERR_NOMEM;
    }
    return GT_OK;
}
