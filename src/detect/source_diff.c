/*
 * source_diff.c - the "source_diff" detector: legs one source shows and
 * another hides or anonymises.
 *
 * Practice followed: investigators comparing Flightradar24 with ADS-B
 * Exchange / OpenSky (flights deleted from one tracker while the
 * unfiltered archive keeps them).  Legs are built per source with the
 * same rules as flights (aviation.h); a leg of source A for which source B
 * has no leg of the same aircraft overlapping in time is "missing" in B,
 * provided B was heard at all during that time (a source that was not
 * running hides nothing).  When B shows another address at the same place
 * and time (within 60 s and 5 km of the leg's middle fix), the leg was
 * anonymised rather than removed, and the detail says under which address.
 *
 * Cost: legs are built once per aircraft and source; the anonymisation
 * search scans the other tracks only for missing legs.
 */
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "detect_int.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/mem.h"

#define MAX_SOURCES 16
#define HOUR_MS     3600000
#define CELL_DEG    0.25 /* coverage cells: a quarter degree, about 28 km */

struct activity {
    int64_t t0_ms;
    size_t nhours;
    unsigned char *heard; /* [source index][hour] */
};

/* Index of source id in src[0..n), or -1. */
static int find_source(const uint32_t *src, size_t n, uint32_t id)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (src[i] == id) {
            return (int)i;
        }
    }
    return -1;
}

/* Hour slot of t_ms, clamped to the table. */
static size_t hour_of(const struct activity *a, int64_t t_ms)
{
    int64_t h = (t_ms - a->t0_ms) / HOUR_MS;
    return h < 0 ? 0 : (size_t)h >= a->nhours ? a->nhours - 1 : (size_t)h;
}

/* Which sources exist, and in which hours each was heard. */
static int activity_build(const struct gt_fleet *f, uint32_t *src, size_t *nsrc, struct activity *a)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    size_t i, k;

    *nsrc = 0;
    memset(a, 0, sizeof *a);
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        if (t->id.kind != GT_ID_ICAO || t->n == 0) {
            continue;
        }
        lo = t->pts[0].t_ms < lo ? t->pts[0].t_ms : lo;
        hi = t->pts[t->n - 1].t_ms > hi ? t->pts[t->n - 1].t_ms : hi;
        for (k = 0; k < t->n; k++) {
            if (find_source(src, *nsrc, t->pts[k].source_id) < 0 && *nsrc < MAX_SOURCES) {
                src[(*nsrc)++] = t->pts[k].source_id;
            }
        }
    }
    if (*nsrc < 2) {
        return GT_OK;
    }
    /* hours heard per source: a byte per (source, hour) from the first fix
     * of the fleet to the last */
    a->t0_ms = lo;
    a->nhours = (size_t)((hi - lo) / HOUR_MS) + 1;
    if (a->nhours > 1000000) {
        a->nhours = 1000000; /* about 114 years: later hours share the last slot */
    }
    a->heard = gt_calloc(*nsrc * a->nhours, 1);
    if (a->heard == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 0; k < t->n; k++) {
            int s = find_source(src, *nsrc, t->pts[k].source_id);
            if (s >= 0) {
                a->heard[(size_t)s * a->nhours + hour_of(a, t->pts[k].t_ms)] = 1;
            }
        }
    }
    return GT_OK;
}

/* Was source index s heard in every hour of [t0, t1]? */
static int active(const struct activity *a, size_t s, int64_t t0, int64_t t1)
{
    size_t h;
    for (h = hour_of(a, t0); h <= hour_of(a, t1); h++) {
        if (!a->heard[s * a->nhours + h]) {
            return 0;
        }
    }
    return 1;
}

/* Coverage cell of a fix: quarter-degree rows and columns. */
static uint32_t cell_of(const struct gt_point *p)
{
    double r = floor((p->lat_deg + 90.0) / CELL_DEG), c = floor((p->lon_deg + 180.0) / CELL_DEG);
    r = r < 0 ? 0 : r > 719 ? 719 : r;
    c = c < 0 ? 0 : c > 1439 ? 1439 : c;
    return (uint32_t)r * 1440u + (uint32_t)c;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The cells where each source heard any aircraft: one sorted, unique
 * array per source (cells[s], ncells[s]). */
static int cells_build(const struct gt_fleet *f, const uint32_t *src, size_t nsrc, uint32_t **cells,
                       size_t *ncells)
{
    size_t i, k, s, total = 0;
    for (i = 0; i < f->n; i++) {
        total += f->tracks[i].id.kind == GT_ID_ICAO ? f->tracks[i].n : 0;
    }
    for (s = 0; s < nsrc; s++) {
        size_t n = 0, u;
        uint32_t *v = gt_malloc((total ? total : 1) * sizeof *v);
        if (v == NULL) {
            return GT_ERR_NOMEM;
        }
        for (i = 0; i < f->n; i++) {
            const struct gt_track *t = &f->tracks[i];
            for (k = 0; t->id.kind == GT_ID_ICAO && k < t->n; k++) {
                if (t->pts[k].source_id == src[s]) {
                    v[n++] = cell_of(&t->pts[k]);
                }
            }
        }
        qsort(v, n, sizeof *v, cmp_u32);
        for (i = 0, u = 0; i < n; i++) {
            if (u == 0 || v[u - 1] != v[i]) {
                v[u++] = v[i];
            }
        }
        cells[s] = v;
        ncells[s] = u;
    }
    return GT_OK;
}

/* Did source index s hear any aircraft in a cell track t passed through? */
static int covers(const uint32_t *cells, size_t ncells, const struct gt_track *t)
{
    size_t k;
    for (k = 0; k < t->n; k++) {
        uint32_t c = cell_of(&t->pts[k]);
        if (ncells && bsearch(&c, cells, ncells, sizeof c, cmp_u32) != NULL) {
            return 1;
        }
    }
    return 0;
}

/* An aircraft that source b_id never shows although b heard other
 * aircraft where this one flew: each observed flight of the itinerary
 * (all sources together, so a flight seen by several sources is one
 * claim) is missing in b.  The detail lists the sources that show it. */
static int emit_absent(const struct gt_track *t, const struct gt_flight *fl, const uint32_t *src,
                       size_t nsrc, uint32_t b_id, gt_event_fn *emit, void *ud)
{
    const struct gt_point *a = &t->pts[fl->first], *b = &t->pts[fl->last];
    const struct gt_point *mid = &t->pts[fl->first + (fl->last - fl->first) / 2];
    unsigned char in[MAX_SOURCES];
    struct gt_event e;
    size_t k, s;
    const char *sep = "";
    int rc;

    memset(in, 0, sizeof in);
    for (k = fl->first; k <= fl->last; k++) {
        int x = find_source(src, nsrc, t->pts[k].source_id);
        if (x >= 0) {
            in[x] = 1;
        }
    }
    gt_event_init(&e, GT_EVENT_SOURCE_DIFF);
    e.subject = t->id;
    e.start_ms = a->t_ms;
    e.end_ms = b->t_ms;
    e.lat_deg = mid->lat_deg;
    e.lon_deg = mid->lon_deg;
    e.has_pos = 1;
    e.score = 0.8;
    rc = gt_buf_addf(&e.detail,
                     "{\"absent\":true,\"anonymised\":false,\"anonymised_as\":null,"
                     "\"hours\":%.3f,\"missing_in\":%u,\"present_in\":[",
                     gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0, b_id);
    for (s = 0; s < nsrc && rc == GT_OK; s++) {
        if (in[s]) {
            rc = gt_buf_addf(&e.detail, "%s%u", sep, src[s]);
            sep = ",";
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(&e.detail, "]}");
    }
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &a->prov, a->station_id, a->t_ms, "first");
        (void)gt_event_add_evidence(&e, &mid->prov, mid->station_id, mid->t_ms, "fix");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "last");
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The absent-aircraft rule for track t (see emit_absent): has[s] says
 * whether source index s shows the aircraft at all. */
static int absent_flights(const struct gt_detect_input *in, const struct gt_track *t,
                          const uint32_t *src, size_t nsrc, const unsigned char *has,
                          uint32_t *const *cells, const size_t *ncells, const struct activity *act,
                          const struct gt_air_params *p, double min_h, gt_event_fn *emit, void *ud)
{
    const struct gt_airports *ap = in->ref ? in->ref->airports : NULL;
    const struct gt_aircraftdb *db = in->ref ? in->ref->aircraft : NULL;
    struct gt_flight *fl = NULL;
    size_t nfl = 0, k, u;
    int rc = GT_OK, any = 0;

    for (u = 0; u < nsrc; u++) {
        any |= !has[u] && covers(cells[u], ncells[u], t);
    }
    if (!any) {
        return GT_OK;
    }
    rc = gt_air_itinerary(t, ap, gt_aircraft_cruise_kn(gt_air_typecode(in->fleet, db, t->id)), p,
                          &fl, &nfl);
    for (k = 0; k < nfl && rc == GT_OK; k++) {
        if ((fl[k].flags & GT_FLIGHT_UNSEEN) || fl[k].npts == 0 ||
            gt__air_dt_s(t->pts[fl[k].first].t_ms, t->pts[fl[k].last].t_ms) / 3600.0 < min_h) {
            continue;
        }
        for (u = 0; u < nsrc && rc == GT_OK; u++) {
            /* a source heard in every hour of the flight is the per-leg
             * rule's case (which also looks for an anonymised address) */
            if (!has[u] && covers(cells[u], ncells[u], t) &&
                !active(act, u, t->pts[fl[k].first].t_ms, t->pts[fl[k].last].t_ms)) {
                rc = emit_absent(t, &fl[k], src, nsrc, src[u], emit, ud);
            }
        }
    }
    gt_free(fl);
    return rc;
}

/* Another address of source sid heard within 60 s and 5 km of p: the
 * tracker showed the flight under a different (blocked, random or
 * privacy) address.  Binary search per track on time, so the cost is one
 * logarithmic probe per aircraft for each missing leg. */
static const struct gt_track *anonymised_as(const struct gt_fleet *f, const struct gt_track *self,
                                            const struct gt_point *p, uint32_t sid)
{
    size_t i;
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        size_t lo = 0, hi = t->n;
        if (t == self || t->id.kind != GT_ID_ICAO) {
            continue;
        }
        while (lo < hi) { /* first fix at or after p - 60 s */
            size_t mid = lo + (hi - lo) / 2;
            if (t->pts[mid].t_ms < p->t_ms - 60000) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (; lo < t->n && t->pts[lo].t_ms <= p->t_ms + 60000; lo++) {
            if (t->pts[lo].source_id == sid && gt__air_km(&t->pts[lo], p) < 5.0) {
                return t;
            }
        }
    }
    return NULL;
}

/* Emit the source_diff event of leg l of track t: present in source a_id,
 * missing (or anonymised) in b_id.  The evidence is source A's: the first,
 * middle and last fix, so a reader can open the records B lacks. */
static int emit_diff(const struct gt_fleet *f, const struct gt_track *t, const struct gt_leg *l,
                     uint32_t a_id, uint32_t b_id, gt_event_fn *emit, void *ud)
{
    const struct gt_point *a = &t->pts[l->first], *b = &t->pts[l->last];
    const struct gt_point *mid = &t->pts[l->first + (l->last - l->first) / 2];
    const struct gt_track *anon;
    struct gt_event e;
    char who[GT_IDENT_MAX];
    int rc;

    /* The middle fix must be one of source A's (the track interleaves
     * sources); it is the one compared with B's other addresses. */
    while (mid > a && mid->source_id != a_id) {
        mid--;
    }
    anon = anonymised_as(f, t, mid, b_id);
    gt_event_init(&e, GT_EVENT_SOURCE_DIFF);
    e.subject = t->id;
    e.start_ms = a->t_ms;
    e.end_ms = b->t_ms;
    e.lat_deg = mid->lat_deg;
    e.lon_deg = mid->lon_deg;
    e.has_pos = 1;
    e.score = anon ? 0.9 : 0.8;
    if (anon) {
        e.peer = anon->id;
        (void)gt_ident_format(&anon->id, who, sizeof who);
    }
    rc = gt_buf_addf(&e.detail,
                     "{\"anonymised\":%s,\"anonymised_as\":%s%s%s,\"hours\":%.3f,"
                     "\"missing_in\":%u,\"present_in\":%u}",
                     anon ? "true" : "false", anon ? "\"" : "", anon ? who : "null",
                     anon ? "\"" : "", gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0, b_id, a_id);
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &a->prov, a->station_id, a->t_ms, "first");
        (void)gt_event_add_evidence(&e, &mid->prov, mid->station_id, mid->t_ms, "fix");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "last");
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The "source_diff" detector: for every aircraft, legs per source, then
 * every ordered pair of sources (A, B): legs of A that B neither overlaps
 * in time nor could have missed by being off the air. */
int gt__detect_source_diff(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    const struct gt_airports *ap = in->ref ? in->ref->airports : NULL;
    struct gt_air_params p;
    struct activity act;
    uint32_t src[MAX_SOURCES], *cells[MAX_SOURCES];
    size_t nsrc, i, s, u, x, y, ncells[MAX_SOURCES];
    double min_h = gt_params_num(in->params, "source_diff.min_minutes", 10) / 60.0;
    int rc;

    gt_air_params_init(&p, in->params);
    memset(cells, 0, sizeof cells);
    rc = activity_build(in->fleet, src, &nsrc, &act);
    if (rc == GT_OK && nsrc >= 2) {
        rc = cells_build(in->fleet, src, nsrc, cells, ncells);
    }
    for (i = 0; i < in->fleet->n && rc == GT_OK && nsrc >= 2; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        struct gt_leg *legs[MAX_SOURCES];
        size_t nlegs[MAX_SOURCES];
        unsigned char has[MAX_SOURCES];
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        memset(has, 0, sizeof has);
        for (x = 0; x < t->n; x++) {
            int k = find_source(src, nsrc, t->pts[x].source_id);
            if (k >= 0) {
                has[k] = 1;
            }
        }
        rc = absent_flights(in, t, src, nsrc, has, cells, ncells, &act, &p, min_h, emit, ud);
        memset(legs, 0, sizeof legs);
        memset(nlegs, 0, sizeof nlegs);
        for (s = 0; s < nsrc && rc == GT_OK; s++) {
            rc = gt_air_legs(t, src[s], ap, &p, &legs[s], &nlegs[s]);
        }
        /* legs are sorted by time per source; a linear scan of B's legs
         * per leg of A is enough for the handful of legs an aircraft has
         * in a window */
        for (s = 0; s < nsrc && rc == GT_OK; s++) {
            for (x = 0; x < nlegs[s] && rc == GT_OK; x++) {
                const struct gt_leg *l = &legs[s][x];
                int64_t t0 = t->pts[l->first].t_ms, t1 = t->pts[l->last].t_ms;
                /* short legs (a few fixes at the edge of one source's
                 * coverage) would make claims out of reception noise */
                if (gt__air_dt_s(t0, t1) / 3600.0 < min_h) {
                    continue; /* a few fixes are not a leg worth a claim */
                }
                for (u = 0; u < nsrc && rc == GT_OK; u++) {
                    int seen = 0;
                    /* B must have been receiving through the whole leg:
                     * a source that was off hides nothing */
                    if (u == s || !active(&act, u, t0, t1)) {
                        continue;
                    }
                    for (y = 0; y < nlegs[u] && !seen; y++) {
                        seen = t->pts[legs[u][y].first].t_ms <= t1 &&
                               t->pts[legs[u][y].last].t_ms >= t0;
                    }
                    if (!seen) {
                        rc = emit_diff(in->fleet, t, l, src[s], src[u], emit, ud);
                    }
                }
            }
        }
        for (s = 0; s < nsrc; s++) {
            gt_free(legs[s]);
        }
    }
    for (s = 0; s < nsrc; s++) {
        gt_free(cells[s]);
    }
    gt_free(act.heard);
    return rc;
}
