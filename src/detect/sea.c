/*
 * sea.c - the shared groundwork of the maritime detectors (see detect_int.h):
 * hull segments for every MMSI, the reception model, and the gap and
 * loiter finders.
 *
 * Published definitions implemented here:
 *
 *   - AIS gaps, after Global Fishing Watch's pipe-gaps: a gap is at least
 *     gap.min_hours (6 h) between consecutive positions of one hull; a hull
 *     never heard again before the end of the data has an open gap.  Since
 *     the segmenter splits hulls after 24 h, a gap longer than that links a
 *     hull to the next hull of the same MMSI that starts after it ends.
 *   - Suspected disabling, after Welch et al. (2022, Science Advances,
 *     "Hot spots of unseen fishing vessels"): a closed gap >= 12 h, off fix
 *     more than 50 nm from shore, reception in the off fix's 1-degree cell
 *     above 10 positions per vessel-day and vessels there heard at least 10
 *     hours per vessel-day, the gap itself left out (reception.c), and at
 *     least 14
 *     positions, with no silence over 2 h, in the 12 h before the gap.
 *     Reception is measured from the data itself.
 *   - Loitering, after Global Fishing Watch: hourly mean speed below 2 kn
 *     for at least 4 h, at least 20 nm from shore and
 *     loiter.min_anchorage_km (10) from an anchorage found in the data.
 *   - Anchorages from the data, after GFW's anchorages (see
 *     gt__sea_anchorages).
 *
 * Land-dependent rules are skipped, and said so, when no land is loaded.
 */
#include "detect_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

/* Unit helpers: the casts live here, once (-Wconversion). */
double gt__hours(int64_t ms)
{
    return (double)ms / 3600000.0;
}

int64_t gt__ms(double hours)
{
    return (int64_t)llround(hours * 3600000.0);
}

double gt__unit(double x)
{
    return x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
}

double gt__pt_km(const struct gt_point *a, const struct gt_point *b)
{
    struct gt_latlon p = {a->lat_deg, a->lon_deg}, q = {b->lat_deg, b->lon_deg};
    return gt_geo_distance_m(p, q) / 1000.0;
}

const struct gt_point *gt__hull_pt(const struct gt__hull *h, size_t k)
{
    return &h->t->pts[h->idx[k]];
}

/* Numbers in details have a fixed number of decimals so that output is
 * byte-identical from run to run; NaN (a figure that does not exist, such
 * as the end of an open gap) is written as null. */
int gt__json_num(struct gt_buf *b, const char *key, double x, int dec, int comma)
{
    if (!isfinite(x)) {
        return gt_buf_addf(b, "%s\"%s\":null", comma ? "," : "", key);
    }
    if (fabs(x) < 0.5 * pow(10.0, -dec)) {
        x = 0.0; /* no "-0.000" */
    }
    return gt_buf_addf(b, "%s\"%s\":%.*f", comma ? "," : "", key, dec, x);
}

/* A point's provenance as evidence; past GT_EVENT_MAX_EVIDENCE references
 * the event keeps the first ones, which are the bounding fixes. */
void gt__evidence(struct gt_event *e, const struct gt_point *p, const char *role)
{
    (void)gt_event_add_evidence(e, &p->prov, p->station_id, p->t_ms, role);
}

/* Every threshold goes through here, so `--config` can set any of them. */
double gt__sea_num(const struct gt__sea *s, const char *key, double dflt)
{
    return gt_params_num(s->in->params, key, dflt);
}

/* ---- hulls ---------------------------------------------------------- */

void gt__sea_release(struct gt__sea *s)
{
    size_t i;

    if (s->segs != NULL) {
        for (i = 0; i < s->fleet->n; i++) {
            gt_segs_release(&s->segs[i]);
        }
    }
    gt_free(s->segs);
    gt_free(s->hulls);
    gt_free(s->hull_start);
    gt_reception_free(s->rx);
    gt_free(s->anch);
    memset(s, 0, sizeof *s);
}

/* Is track t a ship's?  Not when its MMSI is that of another kind of
 * station (ITU-R M.585-9), is 0 or too long (the unset number many
 * devices share), or when none of its positions carries speed, course,
 * heading or navigational status: base station reports (message 4) and
 * aid-to-navigation reports (message 21) have none of them (ITU-R
 * M.1371-5), whatever MMSI the station was given. */
int gt__sea_is_ship(const struct gt_track *t)
{
    int st = gt_ids_mmsi_station(t->id.value);
    size_t k;

    if ((st != GT_STATION_SHIP && st != GT_STATION_INVALID) ||
        gt_ids_mmsi_check(t->id.value) == GT_MMSI_ST_BAD_LENGTH) {
        return 0;
    }
    for (k = 0; k < t->n; k++) {
        if (t->pts[k].flags & (GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING | GT_OBS_NAVSTAT)) {
            return 1;
        }
    }
    return t->n == 0;
}

/* Segment every MMSI track and keep the segments long enough to be a hull.
 * The end of the data is the latest AIS position of the fleet: an open gap
 * lasts until then.  Aircraft tracks are left out on purpose: an ADS-B feed
 * that runs on after the AIS feed stopped must not make every ship look
 * dark. */
int gt__sea_init(struct gt__sea *s, const struct gt_detect_input *in)
{
    const struct gt_fleet *f = in->fleet;
    size_t i, j, nh = 0, minpts;

    memset(s, 0, sizeof *s);
    s->in = in;
    s->fleet = f;
    s->land = in->ref ? in->ref->land : NULL;
    s->ports = in->ref ? in->ref->ports : NULL;
    gt_seg_params_default(&s->segp);
    s->segp.max_hours = gt__sea_num(s, "seg.max_hours", s->segp.max_hours);
    s->segp.max_speed_kn = gt__sea_num(s, "seg.max_speed_kn", s->segp.max_speed_kn);
    s->segp.noise_km = gt__sea_num(s, "seg.noise_km", s->segp.noise_km);
    s->segp.split_class = gt__sea_num(s, "seg.split_class", 0) > 0.5;
    /* Segments shorter than seg.min_points are noise (a garbled position,
     * a single report of a far-away ship with the same MMSI); they are not
     * hulls, and only the spoof detector looks at them. */
    minpts = (size_t)fmax(1.0, gt__sea_num(s, "seg.min_points", 3));
    s->segs = gt_calloc(f->n ? f->n : 1, sizeof *s->segs);
    s->hull_start = gt_calloc(f->n + 1, sizeof *s->hull_start);
    if (s->segs == NULL || s->hull_start == NULL) {
        gt__sea_release(s);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        if (t->id.kind != GT_ID_MMSI) {
            continue;
        }
        if (t->n > 0 && t->pts[t->n - 1].t_ms > s->t_end) {
            s->t_end = t->pts[t->n - 1].t_ms;
        }
        /* Base stations, aids to navigation, SAR aircraft, SARTs, craft of
         * a parent ship, handhelds (ITU-R M.585-9) are not ships: no hulls,
         * so no gaps, meetings, loitering or kinematic spoofs for them (two
         * buoys 300 m apart are no encounter).  Other invalid numbers stay
         * in: they may be ships with a bad configuration. */
        if (!gt__sea_is_ship(t)) {
            continue;
        }
        if (gt_segment_track(t, &s->segp, &s->segs[i]) != GT_OK) {
            gt__sea_release(s);
            return GT_ERR_NOMEM;
        }
        for (j = 0; j < s->segs[i].nseg; j++) {
            nh += s->segs[i].start[j + 1] - s->segs[i].start[j] >= minpts;
        }
    }
    /* Second pass: the hull table, grouped by track so detectors can walk
     * one MMSI's hulls in order of their first position. */
    s->hulls = gt_malloc((nh ? nh : 1) * sizeof *s->hulls);
    if (s->hulls == NULL) {
        gt__sea_release(s);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < f->n; i++) {
        const struct gt_segs *sg = &s->segs[i];
        s->hull_start[i] = s->nhulls;
        /* Segments are numbered by first point, so hulls come out sorted by t0. */
        for (j = 0; j < sg->nseg; j++) {
            size_t n = sg->start[j + 1] - sg->start[j];
            struct gt__hull *h;
            if (n < minpts) {
                continue;
            }
            h = &s->hulls[s->nhulls++];
            h->t = &f->tracks[i];
            h->track = i;
            h->seg = (uint32_t)j;
            h->idx = sg->idx + sg->start[j];
            h->n = n;
            h->t0 = h->t->pts[h->idx[0]].t_ms;
            h->t1 = h->t->pts[h->idx[n - 1]].t_ms;
        }
    }
    s->hull_start[f->n] = s->nhulls;
    return GT_OK;
}

/* The reception model is only needed by the gap rules; built lazily so
 * detectors that do not need it do not pay for it. */
int gt__sea_reception(struct gt__sea *s)
{
    if (s->rx != NULL) {
        return GT_OK;
    }
    return gt_reception_build(s->fleet, &s->rx);
}

/* ---- anchorages found in the data ------------------------------------ */

/* Global Fishing Watch's anchorages (globalfishingwatch.org, "Anchorages,
 * Ports and Voyages"): a vessel is stationary when it moves less than
 * 0.5 km over at least 12 h; a place is an anchorage when enough distinct
 * vessels were stationary there (GFW: 20 over six years of global data, on
 * 0.5 km cells grouped within 4 km into ports).  A recording of days holds
 * far fewer visits, so anch.min_vessels defaults to 3: more vessels than
 * any two-ship meeting brings, stationary within anch.cluster_km (4 km) of
 * each other.  This finds berths and anchorages that the port table lacks;
 * nothing here depends on the port table. */

static uint32_t anch_key(double lat, double lon)
{
    int r = (int)floor((lat + 90.0) * 10.0), c = (int)floor((lon + 180.0) * 10.0);
    r = r < 0 ? 0 : r > 1799 ? 1799 : r;
    c = c < 0 ? 0 : c > 3599 ? 3599 : c;
    return (uint32_t)(r * 3600 + c);
}

static int cmp_anch(const void *x, const void *y)
{
    const struct gt__anch *a = x, *b = y;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->track > b->track) - (a->track < b->track);
}

/* First element of v[0..n) with key >= key. */
static size_t anch_lower(const struct gt__anch *v, size_t n, uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Visit the elements of v within max_km of (lat, lon): calls f for each,
 * which returns nonzero to stop. */
typedef int anch_visit(const struct gt__anch *a, double d_km, void *ud);
static void anch_near(const struct gt__anch *v, size_t n, double lat, double lon, double max_km,
                      anch_visit *f, void *ud)
{
    int r0 = (int)floor((lat + 90.0) * 10.0), dr = (int)ceil(max_km / 11.1), r;
    double cl = cos(fmin(fabs(lat) + 0.1 * dr, 89.0) * 3.14159265358979323846 / 180.0);
    int c0 = (int)floor((lon + 180.0) * 10.0), dc = (int)ceil(max_km / (11.1 * fmax(cl, 0.01)));

    dc = dc > 1800 ? 1800 : dc;
    for (r = r0 - dr; r <= r0 + dr; r++) {
        int ca = c0 - dc, cb = c0 + dc;
        size_t j;
        if (r < 0 || r > 1799) {
            continue;
        }
        ca = ca < 0 ? 0 : ca; /* no wrap at the antimeridian */
        cb = cb > 3599 ? 3599 : cb;
        for (j = anch_lower(v, n, (uint32_t)(r * 3600 + ca));
             j < n && v[j].key <= (uint32_t)(r * 3600 + cb); j++) {
            double d = gt_geo_fast_km(lat, lon, v[j].lat, v[j].lon);
            if (d <= max_km && f(&v[j], d, ud)) {
                return;
            }
        }
    }
}

struct count_ud {
    size_t seen[64];
    size_t n;
    uint32_t distinct;
};

static int count_vessel(const struct gt__anch *a, double d_km, void *ud)
{
    struct count_ud *c = ud;
    size_t i;
    (void)d_km;
    for (i = 0; i < c->n; i++) {
        if (c->seen[i] == a->track) {
            return 0;
        }
    }
    if (c->n < 64) {
        c->seen[c->n++] = a->track;
    }
    c->distinct++;
    return c->distinct >= 64;
}

int gt__sea_anchorages(struct gt__sea *s)
{
    double still_km = gt__sea_num(s, "anch.stationary_km", 0.5);
    int64_t still_ms = gt__ms(gt__sea_num(s, "anch.stationary_hours", 12));
    double cluster_km = fmin(gt__sea_num(s, "anch.cluster_km", 4), 50.0);
    uint32_t min_v = (uint32_t)fmax(1.0, gt__sea_num(s, "anch.min_vessels", 3));
    struct gt__anch *v = NULL;
    size_t n = 0, cap = 0, hi, i, k;

    if (s->anch_built) {
        return GT_OK;
    }
    /* Stationary periods: from each fix, the run of fixes within
     * still_km of it; a run lasting still_ms is one period, placed at its
     * mean position, and the search goes on after it. */
    for (hi = 0; hi < s->nhulls; hi++) {
        const struct gt__hull *h = &s->hulls[hi];
        k = 0;
        while (k < h->n) {
            const struct gt_point *p = gt__hull_pt(h, k);
            size_t j = k;
            while (j + 1 < h->n &&
                   gt_geo_fast_km(p->lat_deg, p->lon_deg, gt__hull_pt(h, j + 1)->lat_deg,
                                  gt__hull_pt(h, j + 1)->lon_deg) <= still_km) {
                j++;
            }
            if (gt__hull_pt(h, j)->t_ms - p->t_ms >= still_ms) {
                struct gt__anch a;
                double slat = 0, slon = 0;
                for (i = k; i <= j; i++) {
                    slat += gt__hull_pt(h, i)->lat_deg;
                    slon += gt__hull_pt(h, i)->lon_deg;
                }
                memset(&a, 0, sizeof a);
                a.lat = slat / (double)(j - k + 1);
                a.lon = slon / (double)(j - k + 1);
                a.key = anch_key(a.lat, a.lon);
                a.track = h->track;
                if (gt_push(&v, &n, &cap, &a, sizeof a, 64) != GT_OK) {
                    gt_free(v);
                    return GT_ERR_NOMEM;
                }
                k = j + 1;
            } else {
                k++;
            }
        }
    }
    if (n > 1) {
        qsort(v, n, sizeof *v, cmp_anch);
    }
    /* Count the distinct vessels around each period; keep the periods
     * that reach min_v (compacting in place keeps the key order). */
    for (i = 0; i < n; i++) {
        struct count_ud c;
        memset(&c, 0, sizeof c);
        anch_near(v, n, v[i].lat, v[i].lon, cluster_km, count_vessel, &c);
        v[i].vessels = c.distinct;
    }
    for (i = k = 0; i < n; i++) {
        if (v[i].vessels >= min_v) {
            v[k++] = v[i];
        }
    }
    s->anch = v;
    s->nanch = k;
    s->anch_built = 1;
    return GT_OK;
}

struct nearest_ud {
    double d;
    uint32_t vessels;
};

static int take_nearest(const struct gt__anch *a, double d_km, void *ud)
{
    struct nearest_ud *nu = ud;
    if (d_km < nu->d) {
        nu->d = d_km;
        nu->vessels = a->vessels;
    }
    return 0;
}

double gt__sea_anchorage_km(const struct gt__sea *s, double lat, double lon, double max_km,
                            uint32_t *vessels)
{
    struct nearest_ud nu = {(double)INFINITY, 0};

    if (s->nanch > 0) {
        anch_near(s->anch, s->nanch, lat, lon, fmin(max_km, 50.0), take_nearest, &nu);
    }
    if (vessels != NULL) {
        *vessels = nu.vessels;
    }
    return nu.d;
}

/* ---- gaps ------------------------------------------------------------ */

/* Positions of hull h in the `hours` before its point k (inclusive). */
static size_t count_before(const struct gt__hull *h, size_t k, double hours)
{
    /* Walk back from the off fix: the hull is time-ordered, so the count
     * stops at the first fix older than the window. */
    int64_t from = gt__hull_pt(h, k)->t_ms - gt__ms(hours);
    size_t c = 0;

    while (c <= k && gt__hull_pt(h, k - c)->t_ms >= from) {
        c++;
    }
    return c;
}

/* The longest silence of hull h in the `hours` before its point k: the
 * largest interval between consecutive fixes from the last fix before the
 * window up to k.  Welch et al. ask for 14 positions in the 12 h before a
 * gap so that the vessel was being received; one satellite pass yields
 * that many in ten minutes, so the spread is checked too. */
static double silence_before(const struct gt__hull *h, size_t k, double hours)
{
    int64_t from = gt__hull_pt(h, k)->t_ms - gt__ms(hours), worst = 0;
    size_t i = k;

    while (i > 0) {
        int64_t dt = gt__hull_pt(h, i)->t_ms - gt__hull_pt(h, i - 1)->t_ms;
        worst = dt > worst ? dt : worst;
        if (gt__hull_pt(h, i - 1)->t_ms < from) {
            break;
        }
        i--;
    }
    return gt__hours(worst);
}

/* Fill in the figures and the disabling rule of gap g off hull point k.
 * Every figure the rule uses is also written into the event, so a reader
 * can see which test a non-suspected gap failed.  The reception figure is
 * the all-class one: a cell heard well by satellite alone still counts as
 * covered. */
static void judge_gap(struct gt__sea *s, struct gt__gap *g, size_t k)
{
    double min_h = gt__sea_num(s, "gap.suspected_min_hours", 12);
    double min_shore = gt__sea_num(s, "gap.min_shore_nm", 50);
    double min_rx = gt__sea_num(s, "gap.min_reception", 10);
    double min_heard = gt__sea_num(s, "gap.min_heard_hours", 10);
    double before_h = gt__sea_num(s, "gap.before_hours", 12);
    double min_before = gt__sea_num(s, "gap.min_positions_before", 14);
    double max_silence = gt__sea_num(s, "gap.max_silence_before_hours", 2);
    double lat = g->off->lat_deg, lon = g->off->lon_deg;

    g->hours = gt__hours(g->t_on - g->t_off);
    g->dist_km = g->on ? gt__pt_km(g->off, g->on) : (double)NAN;
    g->shore_nm = s->land ? gt_land_shore_nm(s->land, lat, lon) : (double)NAN;
    g->rx = gt_reception_get(s->rx, lat, lon, g->t_off, GT_RX_UNKNOWN);
    g->rx_sat = gt_reception_get(s->rx, lat, lon, g->t_off, GT_RX_SATELLITE);
    g->rx_ter = gt_reception_get(s->rx, lat, lon, g->t_off, GT_RX_TERRESTRIAL);
    /* The silence under judgement is taken out of the cell's time present.
     * More than 50 nm out, terrestrial stations (about 40 nm for class A)
     * no longer hear a ship, so what decides is whether satellites hear
     * that sea (Welch et al. measure satellite reception): the satellite
     * figure when the data has satellite positions at all, else every
     * class (a terrestrial-only or unlabelled feed). */
    g->heard_cls = gt_reception_total(s->rx, GT_RX_SATELLITE) > 0 ? GT_RX_SATELLITE : GT_RX_UNKNOWN;
    g->heard = gt_reception_heard_excluding(s->rx, lat, lon, g->t_off, g->hours, g->heard_cls);
    g->heard_sat = gt_reception_heard(s->rx, lat, lon, g->t_off, GT_RX_SATELLITE);
    g->heard_ter = gt_reception_heard(s->rx, lat, lon, g->t_off, GT_RX_TERRESTRIAL);
    g->heard_others = gt_reception_heard_others(s->rx, lat, lon, g->t_off, g->h->t);
    g->before = count_before(g->h, k, before_h);
    g->silence_before = silence_before(g->h, k, before_h);
    /* The tests in order; the first one failed is named in the event. */
    if (g->on == NULL) {
        g->reason = "open"; /* never seen again: the data ended, not the AIS */
    } else if (!(g->hours >= min_h)) {
        g->reason = "short";
    } else if (s->land != NULL && !(g->shore_nm > min_shore)) {
        g->reason = "near_shore";
    } else if (!(g->rx > min_rx) || !(g->heard >= min_heard)) {
        g->reason = "poor_reception";
    } else if (!((double)g->before >= min_before) || !(g->silence_before <= max_silence)) {
        g->reason = "few_positions_before";
    } else {
        g->reason = NULL;
    }
    g->suspected = g->reason == NULL;
}

/* The last valid IMO number that identity id broadcast, or NULL.  Facts
 * are sorted by identity, then time (gt_fleet_sort). */
static const char *last_imo(const struct gt_fleet *f, struct gt_ident id)
{
    size_t lo;
    const char *imo = NULL;

    for (lo = gt_fleet_fact_first(f, id);
         lo < f->nfacts && f->facts[lo].id.kind == id.kind && f->facts[lo].id.value == id.value;
         lo++) {
        const struct gt_ident_obs *o = &f->facts[lo];
        if (o->field == GT_FIELD_IMO && gt_ids_imo_text_valid(o->value, strlen(o->value))) {
            imo = o->value;
        }
    }
    return imo;
}

/* Does the ship of track ti go on under another MMSI that starts within
 * max_ms after t_off with the same valid IMO (a re-flagging)?  Then its
 * last fix ends an identity, not a transmission: no open gap. */
static int continues_as(const struct gt__sea *s, size_t ti, int64_t t_off, int64_t max_ms)
{
    const struct gt_fleet *f = s->fleet;
    const char *imo = last_imo(f, f->tracks[ti].id), *other;
    size_t tj;

    for (tj = 0; imo != NULL && tj < f->n; tj++) {
        const struct gt_track *t = &f->tracks[tj];
        if (tj == ti || t->id.kind != GT_ID_MMSI || t->n == 0 || t->pts[0].t_ms <= t_off ||
            t->pts[0].t_ms - t_off > max_ms) {
            continue;
        }
        other = last_imo(f, t->id);
        if (other != NULL && strcmp(other, imo) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Find every gap of every hull chain (see the file comment for the rules). */
int gt__sea_gaps(struct gt__sea *s, struct gt__gap **out, size_t *n)
{
    int64_t min_ms = gt__ms(gt__sea_num(s, "gap.min_hours", 6));
    size_t cap = 0, ti;
    unsigned char *claimed = gt_calloc(s->nhulls ? s->nhulls : 1, 1);

    *out = NULL;
    *n = 0;
    if (claimed == NULL || gt__sea_reception(s) != GT_OK) {
        gt_free(claimed);
        return GT_ERR_NOMEM;
    }
    /* Per track: gaps inside each hull, then between a hull and the first
     * unclaimed hull of the same MMSI that starts after it ends (the same
     * ship after a silence longer than the segmenter's 24 h; a shared MMSI
     * has overlapping hulls, which never claim each other).  A hull with no
     * successor ends in an open gap if the data go on long enough. */
    for (ti = 0; ti < s->fleet->n; ti++) {
        size_t a, b, k;
        for (a = s->hull_start[ti]; a < s->hull_start[ti + 1]; a++) {
            const struct gt__hull *h = &s->hulls[a];
            struct gt__gap g;
            /* gaps inside the hull */
            for (k = 1; k < h->n; k++) {
                const struct gt_point *p = gt__hull_pt(h, k - 1), *q = gt__hull_pt(h, k);
                if (q->t_ms - p->t_ms < min_ms) {
                    continue;
                }
                memset(&g, 0, sizeof g);
                g.h = g.h2 = h;
                g.off = p;
                g.on = q;
                g.t_off = p->t_ms;
                g.t_on = q->t_ms;
                judge_gap(s, &g, k - 1);
                if (gt_push(out, n, &cap, &g, sizeof **out, 64) != GT_OK) {
                    gt_free(claimed);
                    return GT_ERR_NOMEM;
                }
            }
            /* the gap to the hull that continues this one, or an open gap */
            memset(&g, 0, sizeof g);
            g.h = h;
            g.off = gt__hull_pt(h, h->n - 1);
            g.t_off = h->t1;
            for (b = a + 1; b < s->hull_start[ti + 1]; b++) {
                if (!claimed[b] && s->hulls[b].t0 > h->t1) {
                    claimed[b] = 1;
                    g.h2 = &s->hulls[b];
                    g.on = gt__hull_pt(g.h2, 0);
                    g.t_on = g.h2->t0;
                    break;
                }
            }
            if (g.on == NULL) {
                g.t_on = s->t_end;
            }
            if (g.t_on - g.t_off >= min_ms &&
                (g.on != NULL || !continues_as(s, ti, g.t_off, min_ms))) {
                judge_gap(s, &g, h->n - 1);
                if (gt_push(out, n, &cap, &g, sizeof **out, 64) != GT_OK) {
                    gt_free(claimed);
                    return GT_ERR_NOMEM;
                }
            }
        }
    }
    gt_free(claimed);
    return GT_OK;
}

/* ---- loitering ------------------------------------------------------- */

/* Speed at hull point k: the reported speed when valid, else the implied
 * speed from the previous point (over at least 5 minutes), else -1. */
static double point_speed(const struct gt__hull *h, size_t k)
{
    const struct gt_point *p = gt__hull_pt(h, k);

    /* Prefer the reported speed; a position difference over less than five
     * minutes is mostly GNSS noise at loitering speeds. */
    if ((p->flags & GT_OBS_SPEED) && !gt_segment_invalid_speed(p->speed_kn)) {
        return (double)p->speed_kn;
    }
    if (k > 0) {
        const struct gt_point *q = gt__hull_pt(h, k - 1);
        int64_t dt = p->t_ms - q->t_ms;
        if (dt >= 300000) {
            return gt_geo_fast_km(q->lat_deg, q->lon_deg, p->lat_deg, p->lon_deg) / 1.852 /
                   gt__hours(dt);
        }
    }
    return -1.0;
}

/* Is window k0..k0+win-1 of h on a circle?  Gives its centre and radius. */
int gt__sea_on_circle(const struct gt__hull *h, size_t k0, size_t win, double min_r, double *clat,
                      double *clon, double *radius)
{
    double lat = 0, lon = 0, r = 0, r2 = 0, sd;
    unsigned sectors = 0, nsec = 0, k;
    size_t i;

    for (i = k0; i < k0 + win; i++) {
        lat += gt__hull_pt(h, i)->lat_deg;
        lon += gt__hull_pt(h, i)->lon_deg;
    }
    lat /= (double)win;
    lon /= (double)win;
    for (i = k0; i < k0 + win; i++) {
        const struct gt_point *p = gt__hull_pt(h, i);
        struct gt_latlon c = {lat, lon}, q = {p->lat_deg, p->lon_deg};
        double d = gt_geo_fast_km(lat, lon, p->lat_deg, p->lon_deg);
        unsigned sec = (unsigned)(gt_geo_bearing_deg(c, q) / 30.0) % 12u;
        r += d;
        r2 += d * d;
        sectors |= 1u << sec;
    }
    r /= (double)win;
    sd = sqrt(fmax(r2 / (double)win - r * r, 0.0));
    for (k = 0; k < 12; k++) {
        nsec += (sectors >> k) & 1u;
    }
    *clat = lat;
    *clon = lon;
    *radius = r;
    return r >= min_r && r <= 50.0 && sd < 0.15 * r && nsec >= 9;
}

/* Do the positions k0..k1 of h trace a circle (spoof.circle_points
 * windows, at least half of them on a circle of spoof.circle_min_km or
 * more)?  A ship reporting itself slow while its positions go round a
 * circle is circle spoofing (the spoof detector reports it), not
 * loitering: its true position is elsewhere. */
static int traces_circle(const struct gt__sea *s, const struct gt__hull *h, size_t k0, size_t k1)
{
    size_t win = (size_t)fmax(8.0, gt__sea_num(s, "spoof.circle_points", 30)), k, nwin = 0,
           hits = 0;
    double min_r = gt__sea_num(s, "spoof.circle_min_km", 1), lat, lon, r;

    for (k = k0; k + win <= k1 + 1; k += win) {
        nwin++;
        hits += (size_t)gt__sea_on_circle(h, k, win, min_r, &lat, &lon, &r);
    }
    return nwin > 0 && 2 * hits >= nwin;
}

/* Judge a candidate run k0..k1 of hull h and keep it if it qualifies. */
static int close_run(struct gt__sea *s, const struct gt__hull *h, size_t k0, size_t k1,
                     double sum_kn, size_t nsp, struct gt__loiter **out, size_t *n, size_t *cap)
{
    double min_h = gt__sea_num(s, "loiter.min_hours", 4);
    double min_shore = gt__sea_num(s, "loiter.min_shore_nm", 20);
    double min_anch_km = gt__sea_num(s, "loiter.min_anchorage_km", 10);
    struct gt__loiter l;
    size_t k;
    double slat = 0, slon = 0;

    memset(&l, 0, sizeof l);
    l.h = h;
    l.k0 = k0;
    l.k1 = k1;
    l.t0 = gt__hull_pt(h, k0)->t_ms;
    l.t1 = gt__hull_pt(h, k1)->t_ms;
    if (gt__hours(l.t1 - l.t0) < min_h || traces_circle(s, h, k0, k1)) {
        return GT_OK;
    }
    for (k = k0; k <= k1; k++) {
        slat += gt__hull_pt(h, k)->lat_deg;
        slon += gt__hull_pt(h, k)->lon_deg;
    }
    l.lat = slat / (double)(k1 - k0 + 1);
    l.lon = slon / (double)(k1 - k0 + 1);
    l.mean_kn = nsp ? sum_kn / (double)nsp : 0.0;
    /* The shore test is made once per candidate, at its mean position:
     * the costliest rule, so it comes last. */
    l.shore_nm = s->land ? gt_land_shore_nm(s->land, l.lat, l.lon) : (double)NAN;
    if (s->land != NULL && !(l.shore_nm >= min_shore)) {
        return GT_OK;
    }
    /* Waiting at an anchorage (one the data shows: many vessels lying
     * still there) is not loitering, however far out it lies. */
    if (gt__sea_anchorage_km(s, l.lat, l.lon, min_anch_km, NULL) <= min_anch_km) {
        return GT_OK;
    }
    return gt_push(out, n, cap, &l, sizeof **out, 64);
}

/* Find every loiter of every hull (see the file comment for the rules). */
int gt__sea_loiters(struct gt__sea *s, struct gt__loiter **out, size_t *n)
{
    double max_kn = gt__sea_num(s, "loiter.max_speed_kn", 2);
    int64_t max_skip = 1 + (int64_t)gt__sea_num(s, "loiter.max_gap_hours", 1);
    size_t cap = 0, hi;

    *out = NULL;
    *n = 0;
    if (gt__sea_anchorages(s) != GT_OK) {
        return GT_ERR_NOMEM;
    }
    for (hi = 0; hi < s->nhulls; hi++) {
        const struct gt__hull *h = &s->hulls[hi];
        size_t k = 0, run0 = 0, run1 = 0, nsp = 0;
        double sum = 0;
        int in_run = 0;
        int64_t prev_bucket = 0;

        /* Walk the hull an hour bucket at a time.  A slow bucket extends the
         * current run (if the previous slow bucket is at most
         * loiter.max_gap_hours + 1 back) or starts one; a fast bucket ends
         * it.  Buckets without any usable speed neither extend nor end a
         * run. */
        while (k < h->n) {
            /* one hourly bucket: points k..e-1 */
            int64_t bucket = gt__hull_pt(h, k)->t_ms / 3600000;
            size_t e = k, bn = 0;
            double bsum = 0;
            while (e < h->n && gt__hull_pt(h, e)->t_ms / 3600000 == bucket) {
                double v = point_speed(h, e);
                if (v >= 0) {
                    bsum += v;
                    bn++;
                }
                e++;
            }
            /* Slow hour: extend or start a run.  Fast hour: close the run. */
            if (bn > 0 && bsum / (double)bn < max_kn) {
                if (in_run && bucket - prev_bucket <= max_skip) {
                    run1 = e - 1;
                } else {
                    if (in_run && close_run(s, h, run0, run1, sum, nsp, out, n, &cap) != GT_OK) {
                        return GT_ERR_NOMEM;
                    }
                    in_run = 1;
                    run0 = k;
                    run1 = e - 1;
                    sum = 0;
                    nsp = 0;
                }
                sum += bsum;
                nsp += bn;
                prev_bucket = bucket;
            } else if (bn > 0 && in_run) {
                if (close_run(s, h, run0, run1, sum, nsp, out, n, &cap) != GT_OK) {
                    return GT_ERR_NOMEM;
                }
                in_run = 0;
            }
            k = e;
        }
        if (in_run && close_run(s, h, run0, run1, sum, nsp, out, n, &cap) != GT_OK) {
            return GT_ERR_NOMEM;
        }
    }
    return GT_OK;
}
