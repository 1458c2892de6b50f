/*
 * source_diff.c - the "source_diff" detector: legs one source shows and
 * another hides or anonymises.
 *
 * Practice followed: investigators comparing Flightradar24 with ADS-B
 * Exchange / OpenSky (flights deleted from one tracker while the
 * unfiltered archive keeps them).  Legs are built per source with the
 * same rules as flights (flight.h); a leg of source A for which source B
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
#include "ghosttrack/airports.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define MAX_SOURCES 16
#define CELL_DEG    0.25 /* coverage cells: a quarter degree, about 28 km */

/* What one source's own data shows of it: when it was collecting and how
 * far apart its fixes lie. */
struct reach {
    int64_t *t_ms; /* times of its fixes, sorted */
    size_t n;
    double lat0, lat1, lon0, lon1; /* bounding box of its fixes */
    int network;                   /* fixes farther apart than one receiver hears */
    int per_flight;                /* every input file holds one aircraft (FR24 exports) */
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

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Did source r hear anything between t0_ms and t1_ms? */
static int heard_between(const struct reach *r, int64_t t0_ms, int64_t t1_ms)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->t_ms[mid] < t0_ms) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < r->n && r->t_ms[lo] <= t1_ms;
}

/* (input, aircraft) pairs, one per input per track. */
struct input_use {
    uint32_t input_id, icao;
    int source;
};

static int cmp_use(const void *a, const void *b)
{
    const struct input_use *x = a, *y = b;
    if (x->input_id != y->input_id) {
        return x->input_id < y->input_id ? -1 : 1;
    }
    return x->icao < y->icao ? -1 : x->icao > y->icao;
}

/* A source is a per-flight export (Flightradar24's files: one aircraft,
 * one flight each, the flights a user downloaded) when none of its input
 * files holds two aircraft; a feed or archive (OpenSky, a receiver's
 * log) mixes every aircraft it heard in each file. */
static int mark_per_flight(const struct gt_fleet *f, const uint32_t *src, size_t nsrc,
                           struct reach *r)
{
    struct input_use *v = NULL, u;
    size_t n = 0, cap = 0, i, k;
    int rc = GT_OK;

    for (k = 0; k < nsrc; k++) {
        r[k].per_flight = 1;
    }
    for (i = 0; i < f->n && rc == GT_OK; i++) {
        const struct gt_track *t = &f->tracks[i];
        uint32_t last_input = UINT32_MAX;
        int last_source = -1;
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 0; k < t->n && rc == GT_OK; k++) {
            int s = find_source(src, nsrc, t->pts[k].source_id);
            if (s < 0 || (t->pts[k].prov.input_id == last_input && s == last_source)) {
                continue;
            }
            last_input = t->pts[k].prov.input_id;
            last_source = s;
            u.input_id = last_input;
            u.icao = t->id.value;
            u.source = s;
            rc = gt_push(&v, &n, &cap, &u, sizeof u, 256);
        }
    }
    if (rc == GT_OK && n > 1) {
        qsort(v, n, sizeof *v, cmp_use);
        for (i = 1; i < n; i++) {
            if (v[i].input_id == v[i - 1].input_id && v[i].icao != v[i - 1].icao) {
                r[v[i].source].per_flight = 0;
                r[v[i - 1].source].per_flight = 0;
            }
        }
    }
    gt_free(v);
    return rc;
}

/* Which sources exist, when each collected, and how wide its fixes lie.
 * A single ADS-B receiver hears aircraft at FL350 to its radio horizon,
 * 1.23 * sqrt(35000 ft) = 230 nm (426 km): fixes more than network_km
 * apart need several receivers, i.e. a network (OpenSky, Flightradar24,
 * ADS-B Exchange) that claims to show every flight it could hear. */
static int reach_build(const struct gt_fleet *f, uint32_t *src, size_t *nsrc, struct reach *r,
                       double network_km)
{
    size_t i, k, cap[MAX_SOURCES];
    int rc;

    *nsrc = 0;
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 0; k < t->n; k++) {
            const struct gt_point *p = &t->pts[k];
            int s = find_source(src, *nsrc, p->source_id);
            if (s < 0 && *nsrc < MAX_SOURCES) {
                s = (int)(*nsrc)++;
                src[s] = p->source_id;
                r[s].t_ms = NULL;
                r[s].n = 0;
                cap[s] = 0;
                r[s].lat0 = r[s].lat1 = p->lat_deg;
                r[s].lon0 = r[s].lon1 = p->lon_deg;
            }
            if (s < 0) {
                continue;
            }
            if (gt_push(&r[s].t_ms, &r[s].n, &cap[s], &p->t_ms, sizeof p->t_ms, 1024) != GT_OK) {
                return GT_ERR_NOMEM;
            }
            r[s].lat0 = p->lat_deg < r[s].lat0 ? p->lat_deg : r[s].lat0;
            r[s].lat1 = p->lat_deg > r[s].lat1 ? p->lat_deg : r[s].lat1;
            r[s].lon0 = p->lon_deg < r[s].lon0 ? p->lon_deg : r[s].lon0;
            r[s].lon1 = p->lon_deg > r[s].lon1 ? p->lon_deg : r[s].lon1;
        }
    }
    rc = mark_per_flight(f, src, *nsrc, r);
    for (k = 0; k < *nsrc && rc == GT_OK; k++) {
        struct gt_latlon a = {r[k].lat0, r[k].lon0}, b = {r[k].lat1, r[k].lon1};
        qsort(r[k].t_ms, r[k].n, sizeof *r[k].t_ms, cmp_i64);
        r[k].network = gt_geo_distance_m(a, b) / 1000.0 > network_km;
    }
    return rc;
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

/* Fraction of the fixes first..last of t (up to 256 sampled) that lie in
 * cells where source index s heard some aircraft. */
static double covered_fraction(const uint32_t *cells, size_t ncells, const struct gt_track *t,
                               size_t first, size_t last)
{
    size_t k, step = (last - first) / 256 + 1, n = 0, in = 0;
    for (k = first; k <= last; k += step) {
        uint32_t c = cell_of(&t->pts[k]);
        n++;
        in += ncells && bsearch(&c, cells, ncells, sizeof c, cmp_u32) != NULL;
    }
    return n ? (double)in / (double)n : 0.0;
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
        size_t lo;
        if (t == self || t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (lo = gt_track_at_or_after(t, p->t_ms - 60000);
             lo < t->n && t->pts[lo].t_ms <= p->t_ms + 60000; lo++) {
            if (t->pts[lo].source_id == sid && gt__air_km(&t->pts[lo], p) < 5.0) {
                return t;
            }
        }
    }
    return NULL;
}

/* Append "key":"CODE" or "key":null for an airport. */
static int add_airport(struct gt_buf *b, const char *key, const struct gt_airport *a)
{
    int rc = gt_buf_addf(b, "\"%s\":", key);
    if (rc == GT_OK) {
        rc = a ? gt_esc_json(b, a->ident, strlen(a->ident)) : gt_buf_addstr(b, "null");
    }
    return rc;
}

/* Emit the source_diff event of flight fl of track t: shown by the
 * sources in[] (indexes into src), missing (or anonymised) in src[u], which
 * heard other aircraft where at least `coverage` of its fixes lie.  The
 * evidence is the present sources': first, middle and last fix. */
static int emit_diff(const struct gt_fleet *f, const struct gt_track *t, const struct gt_flight *fl,
                     const uint32_t *src, size_t nsrc, const unsigned char *in, size_t u,
                     double coverage, gt_event_fn *emit, void *ud)
{
    const struct gt_point *a = &t->pts[fl->first], *b = &t->pts[fl->last];
    const struct gt_point *mid = &t->pts[fl->first + (fl->last - fl->first) / 2];
    const struct gt_track *anon = anonymised_as(f, t, mid, src[u]);
    struct gt_event e;
    char who[GT_IDENT_MAX];
    const char *sep = "";
    size_t s;
    int rc;

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
    rc = gt_buf_addf(&e.detail, "{\"anonymised\":%s,\"anonymised_as\":%s%s%s,\"coverage\":%.3f,",
                     anon ? "true" : "false", anon ? "\"" : "", anon ? who : "null",
                     anon ? "\"" : "", coverage);
    if (rc == GT_OK) {
        rc = add_airport(&e.detail, "from", fl->from);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(&e.detail, ",\"hours\":%.3f,\"missing_in\":%u,\"present_in\":[",
                         gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0, src[u]);
    }
    for (s = 0; s < nsrc && rc == GT_OK; s++) {
        if (in[s]) {
            rc = gt_buf_addf(&e.detail, "%s%u", sep, src[s]);
            sep = ",";
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(&e.detail, "],");
    }
    if (rc == GT_OK) {
        rc = add_airport(&e.detail, "to", fl->to);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(&e.detail, "}");
    }
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &a->prov, a->station_id, a->t_ms, "first");
        (void)gt_event_add_evidence(&e, &mid->prov, mid->station_id, mid->t_ms, "fix");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "last");
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The rule for track t: every observed flight of its itinerary (all
 * sources together: a flight split by a coverage hole is one flight, one
 * claim per missing source) that a source u does not show, although u was
 * receiving during the flight and heard other aircraft in the cells of at
 * least source_diff.coverage_min of the flight's fixes. */
static int track_diff(const struct gt_detect_input *in, const struct gt_track *t,
                      const uint32_t *src, size_t nsrc, uint32_t *const *cells,
                      const size_t *ncells, const struct reach *r, const struct gt_flight_params *p,
                      double min_h, double cov_min, int64_t window_ms, gt_event_fn *emit, void *ud)
{
    const struct gt_airports *ap = in->ref ? in->ref->airports : NULL;
    const struct gt_aircraftdb *db = in->ref ? in->ref->aircraft : NULL;
    struct gt_flight *fl = NULL;
    size_t nfl = 0, k, u, x;
    int rc;

    rc = gt_flight_itinerary(t, ap, gt_aircraft_cruise_kn(gt_flight_typecode(in->fleet, db, t->id)),
                             p, &fl, &nfl);
    for (k = 0; k < nfl && rc == GT_OK; k++) {
        unsigned char shows[MAX_SOURCES];
        int64_t t0, t1;
        if ((fl[k].flags & GT_FLIGHT_UNSEEN) || fl[k].npts == 0) {
            continue;
        }
        t0 = t->pts[fl[k].first].t_ms;
        t1 = t->pts[fl[k].last].t_ms;
        if (gt__air_dt_s(t0, t1) / 3600.0 < min_h) {
            continue; /* a few fixes at the edge of coverage are no claim */
        }
        memset(shows, 0, sizeof shows);
        for (x = fl[k].first; x <= fl[k].last; x++) {
            int s = find_source(src, nsrc, t->pts[x].source_id);
            if (s >= 0) {
                shows[s] = 1;
            }
        }
        for (u = 0; u < nsrc && rc == GT_OK; u++) {
            double cov;
            /* a source that was not collecting hides nothing; a single
             * receiver is expected to show only flights through the cells
             * where it heard other aircraft */
            if (shows[u] || !heard_between(&r[u], t0 - window_ms, t1 + window_ms)) {
                continue;
            }
            cov = covered_fraction(cells[u], ncells[u], t, fl[k].first, fl[k].last);
            /* a per-flight export of a network shows every flight it
             * does not filter; a network's continuous feed every flight
             * through cells where it heard others; a single receiver the
             * flights mostly inside its cells */
            if (r[u].network ? (r[u].per_flight || cov > 0.0) : cov >= cov_min) {
                rc = emit_diff(in->fleet, t, &fl[k], src, nsrc, shows, u, cov, emit, ud);
            }
        }
    }
    gt_free(fl);
    return rc;
}

/* The "source_diff" detector: the fleet's sources, the hours and cells
 * each heard, then every aircraft's flights against every source. */
int gt__detect_source_diff(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt_flight_params p;
    struct reach r[MAX_SOURCES];
    uint32_t src[MAX_SOURCES], *cells[MAX_SOURCES];
    size_t nsrc, i, s, ncells[MAX_SOURCES];
    double min_h = gt_params_num(in->params, "source_diff.min_minutes", 10) / 60.0;
    double cov_min = gt_params_num(in->params, "source_diff.coverage_min", 0.5);
    int rc;

    gt_flight_params_init(&p, in->params);
    memset(cells, 0, sizeof cells);
    double network_km = gt_params_num(in->params, "source_diff.network_km", 1000);
    int64_t window_ms =
        (int64_t)(3600000.0 * gt_params_num(in->params, "source_diff.window_h", 24));
    rc = reach_build(in->fleet, src, &nsrc, r, network_km);
    if (rc == GT_OK && nsrc >= 2) {
        rc = cells_build(in->fleet, src, nsrc, cells, ncells);
    }
    for (i = 0; i < in->fleet->n && rc == GT_OK && nsrc >= 2; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        if (t->id.kind == GT_ID_ICAO && t->n > 0) {
            rc = track_diff(in, t, src, nsrc, cells, ncells, r, &p, min_h, cov_min, window_ms, emit,
                            ud);
        }
    }
    for (s = 0; s < nsrc; s++) {
        gt_free(cells[s]);
        gt_free(r[s].t_ms);
    }
    return rc;
}
