/*
 * air_spoof.c - the "air_spoof" detector: aircraft positions inconsistent
 * with flight, and GNSS spoofing shared by many aircraft in one area.
 *
 * Practice followed: the `traffic` library and OpenSky's GNSS-interference
 * studies (positions that jump faster than any aircraft flies, and such
 * jumps appearing for many aircraft in the same region at the same time,
 * as over the Baltic and the eastern Mediterranean since 2022), with the
 * ARCHITECTURE.md class maximum of 1,000 kt.
 *
 * Per aircraft, two fixes at least min_km apart whose implied speed
 * exceeds max_kn are a jump, and fixes in the cruise band (RVSM airspace,
 * ICAO Doc 9574) slower than any aircraft flies there are too slow; one
 * spoofing stretch, from its first implausible segment to the confirmed
 * return to a plausible track, is one episode (docs/DETECTORS.md).  An episode is kind "gnss" when
 * at least shared_min aircraft (itself included) had an episode within area_km of its last good fix
 * and within an hour of it, and kind "teleport" otherwise.  NIC / NACp integrity figures are not
 * carried by struct gt_point, so integrity drops are not used yet.
 */
#include <math.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

struct episode {
    size_t track;          /* index in the fleet */
    size_t good, bad;      /* first implausible segment: last good fix and first bad fix */
    size_t last;           /* last bad fix of the episode */
    size_t back;           /* the fix confirming the return to a plausible track, or last */
    size_t jumps;          /* jumps in the episode */
    size_t slow;           /* fixes too slow for their altitude */
    double max_km, max_kn; /* largest jump and speed */
};

struct spoof_cfg {
    double max_kn, min_km, merge_s, area_km;
    double slow_kn, slow_s, slow_min_ft, slow_max_ft;
    size_t shared_min;
};

/* A fix in the cruise band where a speed below slow_kn is impossible. */
static int at_cruise(const struct gt_point *p, const struct spoof_cfg *c)
{
    return (p->flags & GT_OBS_ALT) && p->alt_ft >= c->slow_min_ft && p->alt_ft <= c->slow_max_ft &&
           !((p->flags & GT_OBS_GROUND) && p->on_ground);
}

/*
 * Mark the fixes of stretches too slow for their altitude: within a run of
 * cruise-band fixes with no silence longer than slow_s, every window of at
 * least slow_s whose path length (the sum of its segments, never shorter
 * than an orbit or a hold) gives less than slow_kn, and whose reported
 * ground speeds (where present) are all below slow_kn, marks its fixes.
 */
static void mark_slow(const struct gt_track *t, const struct spoof_cfg *c, uint8_t *slow)
{
    size_t k = 0, e, i, j;

    while (k < t->n) {
        double path_km = 0;
        if (!at_cruise(&t->pts[k], c)) {
            k++;
            continue;
        }
        for (e = k; e + 1 < t->n && at_cruise(&t->pts[e + 1], c) &&
                    gt__air_dt_s(t->pts[e].t_ms, t->pts[e + 1].t_ms) <= c->slow_s;
             e++) {
        }
        for (i = k, j = k; i <= e; i++) { /* path_km is the path from i to j */
            double dt;
            size_t m;
            int fast = 0;
            if (j < i) {
                j = i;
                path_km = 0;
            }
            while (j < e && gt__air_dt_s(t->pts[i].t_ms, t->pts[j].t_ms) < c->slow_s) {
                path_km += gt__air_km(&t->pts[j], &t->pts[j + 1]);
                j++;
            }
            dt = gt__air_dt_s(t->pts[i].t_ms, t->pts[j].t_ms);
            if (dt < c->slow_s) {
                break;
            }
            for (m = i; m <= j && !fast; m++) {
                fast = (t->pts[m].flags & GT_OBS_SPEED) && (double)t->pts[m].speed_kn >= c->slow_kn;
            }
            if (!fast && path_km / 1.852 / (dt / 3600.0) < c->slow_kn) {
                memset(slow + i, 1, j - i + 1);
            }
            if (i + 1 <= j) {
                path_km -= gt__air_km(&t->pts[i], &t->pts[i + 1]);
            }
        }
        k = e + 1;
    }
}

/*
 * Find the spoofing episodes of one track.  A segment is implausible when
 * it is a jump (at least min_km at more than max_kn) or ends on a fix too
 * slow for its altitude.  An episode runs from its first implausible
 * segment until the track returns to plausibility: the next implausible
 * segment joins it when no plausible segment came in between (a spoofed
 * stretch and the jump back out of it are one finding), or when it comes
 * within merge_s of the last one (A -> B -> A excursions).  The return is
 * confirmed by the first plausible segment after the last implausible one:
 * its end is the episode's end.
 */
static int track_episodes(const struct gt_track *t, size_t ti, const struct spoof_cfg *c,
                          struct episode **v, size_t *n, size_t *cap)
{
    struct episode cur;
    uint8_t *slow = t->n > 0 ? gt_calloc(t->n, 1) : NULL;
    int open = 0, returned = 0, rc = GT_OK;
    size_t k;

    if (t->n > 0 && slow == NULL) {
        return GT_ERR_NOMEM;
    }
    mark_slow(t, c, slow);
    memset(&cur, 0, sizeof cur);
    for (k = 1; k < t->n && rc == GT_OK; k++) {
        const struct gt_point *a = &t->pts[k - 1], *b = &t->pts[k];
        double dt = gt__air_dt_s(a->t_ms, b->t_ms), km, kn;
        int jump;
        if (dt <= 0.5) {
            continue; /* same instant from two receivers: no speed */
        }
        km = gt__air_km(a, b);
        kn = km / 1.852 / (dt / 3600.0);
        jump = km >= c->min_km && kn > c->max_kn;
        if (!jump && !slow[k]) {
            if (open && !returned) {
                cur.back = k;
                returned = 1;
            }
            continue;
        }
        if (open && (!returned || gt__air_dt_s(t->pts[cur.last].t_ms, b->t_ms) <= c->merge_s)) {
            cur.last = k;
            cur.back = k;
            returned = 0;
            cur.jumps += (size_t)jump;
            cur.slow += slow[k];
            if (jump) {
                cur.max_km = fmax(cur.max_km, km);
                cur.max_kn = fmax(cur.max_kn, kn);
            }
            continue;
        }
        if (open) {
            rc = gt_push(v, n, cap, &cur, sizeof **v, 64);
        }
        memset(&cur, 0, sizeof cur);
        cur.track = ti;
        cur.good = k - 1;
        cur.bad = k;
        cur.last = k;
        cur.back = k;
        cur.jumps = (size_t)jump;
        cur.slow = slow[k];
        cur.max_km = jump ? km : 0;
        cur.max_kn = jump ? kn : 0;
        open = 1;
        returned = 0;
    }
    if (open && rc == GT_OK) {
        rc = gt_push(v, n, cap, &cur, sizeof **v, 64);
    }
    gt_free(slow);
    return rc;
}

/* Aircraft with an episode near episode i in space and time (itself
 * included; counted once per aircraft). */
static size_t in_area(const struct gt_fleet *f, const struct episode *v, size_t n, size_t i,
                      double area_km)
{
    const struct gt_point *p = &f->tracks[v[i].track].pts[v[i].good];
    size_t j, count = 0, last_track = SIZE_MAX;

    for (j = 0; j < n; j++) { /* episodes are grouped by track */
        const struct gt_point *q = &f->tracks[v[j].track].pts[v[j].good];
        if (v[j].track == last_track) {
            continue;
        }
        if (fabs(gt__air_dt_s(p->t_ms, q->t_ms)) <= 3600.0 && gt__air_km(p, q) <= area_km) {
            count++;
            last_track = v[j].track;
        }
    }
    return count;
}

/* Emit the spoof event of one episode; area is the number of aircraft
 * with an episode in the same area and hour (itself included). */
static int emit_episode(const struct gt_fleet *f, const struct episode *ep, size_t area,
                        const struct spoof_cfg *c, gt_event_fn *emit, void *ud)
{
    const struct gt_track *t = &f->tracks[ep->track];
    const struct gt_point *g = &t->pts[ep->good], *b = &t->pts[ep->bad], *l = &t->pts[ep->last];
    const struct gt_point *r = &t->pts[ep->back];
    int shared = area >= c->shared_min, rc;
    struct gt_event e;

    gt_event_init(&e, GT_EVENT_SPOOF);
    e.subject = t->id;
    e.start_ms = b->t_ms;
    e.end_ms = r->t_ms;
    e.lat_deg = g->lat_deg;
    e.lon_deg = g->lon_deg;
    e.has_pos = 1;
    e.score = shared ? 0.9 : ep->jumps >= 3 || (ep->jumps >= 1 && ep->slow > 0) ? 0.7 : 0.5;
    rc = gt_buf_addf(&e.detail,
                     "{\"aircraft_in_area\":%zu,\"jumps\":%zu,\"kind\":\"%s\",\"max_jump_km\":%.3f,"
                     "\"max_speed_kn\":%.0f,\"shared\":%s,\"slow_fixes\":%zu,"
                     "\"spoofed_lat\":%.6f,\"spoofed_lon\":%.6f}",
                     area, ep->jumps, shared ? "gnss" : "teleport", ep->max_km, ep->max_kn,
                     shared ? "true" : "false", ep->slow, b->lat_deg, b->lon_deg);
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &g->prov, g->station_id, g->t_ms, "a");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "b");
        if (ep->last != ep->bad) {
            (void)gt_event_add_evidence(&e, &l->prov, l->station_id, l->t_ms, "last");
        }
        if (ep->back != ep->last) {
            (void)gt_event_add_evidence(&e, &r->prov, r->station_id, r->t_ms, "back");
        }
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The "air_spoof" detector: episodes of every ICAO track first, then one
 * event per episode once the shared areas are known. */
int gt__detect_air_spoof(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct spoof_cfg c;
    struct episode *v = NULL;
    size_t n = 0, cap = 0, i;
    int rc = GT_OK;

    c.max_kn = gt_params_num(in->params, "air_spoof.max_kn", 1000);
    c.min_km = gt_params_num(in->params, "air_spoof.min_km", 5);
    c.merge_s = 60.0 * gt_params_num(in->params, "air_spoof.merge_min", 10);
    c.area_km = gt_params_num(in->params, "air_spoof.area_km", 300);
    c.shared_min = (size_t)fmax(1.0, gt_params_num(in->params, "air_spoof.shared_min", 3));
    c.slow_kn = gt_params_num(in->params, "air_spoof.slow_kn", 100);
    c.slow_s = fmax(1.0, gt_params_num(in->params, "air_spoof.slow_s", 120));
    c.slow_min_ft = gt_params_num(in->params, "air_spoof.slow_min_ft", 29000);
    c.slow_max_ft = gt_params_num(in->params, "air_spoof.slow_max_ft", 51000);
    for (i = 0; i < in->fleet->n && rc == GT_OK; i++) {
        if (in->fleet->tracks[i].id.kind == GT_ID_ICAO) {
            rc = track_episodes(&in->fleet->tracks[i], i, &c, &v, &n, &cap);
        }
    }
    for (i = 0; i < n && rc == GT_OK; i++) {
        rc = emit_episode(in->fleet, &v[i], in_area(in->fleet, v, n, i, c.area_km), &c, emit, ud);
    }
    gt_free(v);
    return rc;
}
