/*
 * dark_sts.c - the "dark_sts" detector: ship-to-ship transfers with a dark
 * partner (event type `encounter`, dark true).
 *
 * Practice of Skylight and TankerTrackers, made explicit: when a vessel
 * goes dark (a suspected gap, Welch et al. 2022 rules) and, during those
 * hours, another vessel loiters (Global Fishing Watch rule) at a place the
 * dark vessel could have reached and left again at no more than
 * dark.max_speed_kn, the pair is a dark ship-to-ship candidate.  The
 * reachable region is the speed-limited ellipse between the off and on
 * fixes: with v the speed limit, the dark vessel can be at the loiter
 * position P from x = t_off + (d(off, P) - slack) / v until
 * y = t_on - (d(P, on) - slack) / v; the meeting window [x, y] clipped to the
 * loiter must last at least dark.min_overlap_hours.  The event spans that
 * window.  One meeting is one event: candidates are ranked by the unseen
 * detour d(off, P) + d(P, on) (the partner that vanished and reappeared
 * closest to the loiterer first) and matched one to one, so each loiter
 * gets one dark partner and each gap one loiter; the detail counts the
 * other candidates of the loiter (at most dark.max_candidates).
 * A loiter that a third vessel shares (its loiter within
 * dark.accompanied_km, 1 km, for dark.min_overlap_hours of the window) is
 * a visible meeting and no candidate.
 *
 * Subject is the visible (loitering) vessel, peer the dark one.  Open gaps
 * (no on fix) are not paired.
 *
 * Parameters (defaults): dark.max_speed_kn (15), dark.min_overlap_hours
 * (2), dark.slack_km (2), dark.max_candidates (3), dark.accompanied_km (1),
 * plus the gap.* and
 * loiter.* parameters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

struct cand {
    const struct gt__gap *g;
    const struct gt__loiter *l;
    int64_t a, b;
    double score, slack_km, fit, detour_km;
    size_t gi, li; /* gap and loiter indexes */
};

/* Candidates by unseen detour, shortest first; ties by time, for
 * determinism. */
static int cmp_cand(const void *x, const void *y)
{
    const struct cand *p = x, *q = y;
    if (p->detour_km > q->detour_km || p->detour_km < q->detour_km) {
        return p->detour_km < q->detour_km ? -1 : 1;
    }
    return (p->a > q->a) - (p->a < q->a);
}

/* Emit one ranked candidate as an encounter with dark: true.  Evidence
 * brackets the transfer: the dark vessel's off fix, the loiter's first and
 * last fixes, the dark vessel's on fix. */
static int emit_cand(const struct cand *c, size_t others, gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    double hours = gt__hours(c->b - c->a);

    gt_event_init(&e, GT_EVENT_ENCOUNTER);
    e.subject = c->l->h->t->id;
    e.peer = c->g->h->t->id;
    e.start_ms = c->a;
    e.end_ms = c->b;
    e.lat_deg = c->l->lat;
    e.lon_deg = c->l->lon;
    e.has_pos = 1;
    e.score = c->score;
    gt__evidence(&e, c->g->off, "b_off");
    gt__evidence(&e, gt__hull_pt(c->l->h, c->l->k0), "a_start");
    gt__evidence(&e, gt__hull_pt(c->l->h, c->l->k1), "a_end");
    gt__evidence(&e, c->g->on, "b_on");
    gt_buf_addstr(&e.detail, "{\"dark\":true");
    gt__json_num(&e.detail, "detour_km", c->detour_km, 3, 1);
    gt__json_num(&e.detail, "detour_share", c->fit, 3, 1);
    gt__json_num(&e.detail, "gap_hours", c->g->hours, 3, 1);
    gt__json_num(&e.detail, "hours", hours, 3, 1);
    gt_buf_addstr(&e.detail, ",\"median_distance_m\":null");
    gt__json_num(&e.detail, "median_speed_kn", c->l->mean_kn, 3, 1);
    gt_buf_addf(&e.detail, ",\"other_candidates\":%zu", others);
    gt__json_num(&e.detail, "slack_km", c->slack_km, 3, 1);
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* Is loiter l met, during [x, y], by a loiter of a third vessel (not the
 * dark one, g's) within near_km for at least min_h?  Then l is a visible
 * ship-to-ship meeting (the encounter detector reports it), which explains
 * the loitering without a dark partner. */
static int accompanied(const struct gt__loiter *ls, size_t nl, const struct gt__loiter *l,
                       const struct gt__gap *g, int64_t x, int64_t y, double near_km, double min_h)
{
    size_t k;
    for (k = 0; k < nl; k++) {
        const struct gt__loiter *o = &ls[k];
        int64_t a = o->t0 > x ? o->t0 : x, b = o->t1 < y ? o->t1 : y;
        if (o->h->track == l->h->track || o->h->track == g->h->track || gt__hours(b - a) < min_h) {
            continue;
        }
        if (gt_geo_fast_km(l->lat, l->lon, o->lat, o->lon) <= near_km) {
            return 1;
        }
    }
    return 0;
}

/* Entry point of the "dark_sts" detector. */
int gt__detect_dark_sts(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    struct gt__gap *gaps = NULL;
    struct gt__loiter *ls = NULL;
    struct cand *cv = NULL;
    size_t ng = 0, nl = 0, i, j;
    double vmax_kmh, min_ov_h, slack, near_km;
    size_t maxc;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK) {
        return rc;
    }
    vmax_kmh = gt__sea_num(&s, "dark.max_speed_kn", 15) * 1.852;
    min_ov_h = gt__sea_num(&s, "dark.min_overlap_hours", 2);
    slack = gt__sea_num(&s, "dark.slack_km", 2);
    near_km = gt__sea_num(&s, "dark.accompanied_km", 1);
    maxc = (size_t)fmax(1.0, gt__sea_num(&s, "dark.max_candidates", 3));
    rc = gt__sea_gaps(&s, &gaps, &ng);
    if (rc == GT_OK) {
        rc = gt__sea_loiters(&s, &ls, &nl);
    }
    if (rc == GT_OK) {
        cv = gt_malloc((nl ? nl : 1) * sizeof *cv);
        rc = cv ? GT_OK : GT_ERR_NOMEM;
    }
    size_t nc = 0;
    if (rc == GT_OK) {
        gt_free(cv);
        cv = gt_malloc((nl ? nl : 1) * (ng ? ng : 1) * sizeof *cv);
        rc = cv ? GT_OK : GT_ERR_NOMEM;
    }
    for (i = 0; rc == GT_OK && i < ng; i++) {
        const struct gt__gap *g = &gaps[i];
        /* Only gaps that pass the disabling rules: a coverage hole is not a
         * reason to suspect a transfer.  Open gaps have no on fix, so no
         * reachable region to test. */
        if (!g->suspected || g->on == NULL) {
            continue;
        }
        /* Every loiter of another vessel is tested; there are few loiters
         * and fewer suspected gaps, so the product stays small. */
        for (j = 0; j < nl; j++) {
            const struct gt__loiter *l = &ls[j];
            int64_t a = l->t0 > g->t_off ? l->t0 : g->t_off;
            int64_t b = l->t1 < g->t_on ? l->t1 : g->t_on;
            int64_t x, y;
            double d1, d2, lh, win, used, total;
            if (l->h->track == g->h->track || gt__hours(b - a) < min_ov_h) {
                continue;
            }
            /* The meeting window [x, y]: not before the dark vessel could
             * have reached P from its off fix, not after it must have left
             * P to make its on fix, and inside the loiter. */
            d1 =
                fmax(0.0, gt_geo_fast_km(g->off->lat_deg, g->off->lon_deg, l->lat, l->lon) - slack);
            d2 = fmax(0.0, gt_geo_fast_km(l->lat, l->lon, g->on->lat_deg, g->on->lon_deg) - slack);
            x = g->t_off + gt__ms(d1 / vmax_kmh);
            y = g->t_on - gt__ms(d2 / vmax_kmh);
            x = x > a ? x : a;
            y = y < b ? y : b;
            win = gt__hours(y - x);
            if (win < min_ov_h || accompanied(ls, nl, l, g, x, y, near_km, min_ov_h)) {
                continue;
            }
            lh = gt__hours(l->t1 - l->t0);
            cv[nc].g = g;
            cv[nc].l = l;
            cv[nc].gi = i;
            cv[nc].li = j;
            cv[nc].a = x;
            cv[nc].b = y;
            /* Spare distance: how much farther P could be and still fit. */
            cv[nc].slack_km = vmax_kmh * (win - min_ov_h);
            /* The likeliest partner needs the least unseen travel to be
             * there: the detour d(off, P) + d(P, on).  A ship that vanished
             * and reappeared next to the loiterer beats one that could
             * only just have made it (the detail also gives the detour as
             * a share of what its dark hours allow at the speed limit,
             * less the time alongside). */
            used = gt_geo_fast_km(g->off->lat_deg, g->off->lon_deg, l->lat, l->lon) +
                   gt_geo_fast_km(l->lat, l->lon, g->on->lat_deg, g->on->lon_deg);
            total = vmax_kmh * fmax(g->hours - gt__hours(b - a), min_ov_h);
            cv[nc].fit = gt__unit(used / total);
            cv[nc].detour_km = used;
            cv[nc].score = 0.4 + 0.3 * (1.0 - cv[nc].fit) +
                           0.2 * gt__unit(win / fmin(lh, g->hours)) + 0.1 * gt__unit(g->rx / 50.0);
            nc++;
        }
    }
    /* One meeting, one event: the candidates are matched one to one, best
     * first, so a loiter gets the dark partner that fits it best and a
     * gap the loiter it fits best; the others are left out (up to
     * dark.max_candidates per loiter are counted in the detail). */
    if (rc == GT_OK && nc > 1) {
        qsort(cv, nc, sizeof *cv, cmp_cand);
    }
    if (rc == GT_OK) {
        unsigned char *gused = gt_calloc(ng ? ng : 1, 1), *lused = gt_calloc(nl ? nl : 1, 1);
        if (gused == NULL || lused == NULL) {
            rc = GT_ERR_NOMEM;
        }
        for (j = 0; rc == GT_OK && j < nc; j++) {
            size_t k, others = 0;
            if (gused[cv[j].gi] || lused[cv[j].li]) {
                continue;
            }
            gused[cv[j].gi] = lused[cv[j].li] = 1;
            for (k = 0; k < nc; k++) {
                others += k != j && cv[k].li == cv[j].li;
            }
            rc = emit_cand(&cv[j], others < maxc ? others : maxc, emit, ud);
        }
        gt_free(gused);
        gt_free(lused);
    }
    gt_free(cv);
    gt_free(gaps);
    gt_free(ls);
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
