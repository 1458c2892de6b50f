/*
 * air_gap.c - the "air_gap" detector: aircraft transponder gaps at
 * altitude, `suspected` when the receivers that heard the aircraft were
 * shown by the data itself to hear aircraft where it flew silent.
 *
 * Practice followed: the coverage-aware gap rule of Global Fishing Watch
 * for AIS (Welch et al. 2022, "Hot spots of unseen fishing vessels",
 * Science Advances 8: a gap counts as disabling only where the data shows
 * good reception, measured per grid cell from the positions received
 * there), carried over to ADS-B as investigators read Flightradar24 and
 * ADS-B Exchange: if a network keeps hearing aircraft in a place, an
 * aircraft silent there switched its transponder off.
 *
 * Reception index, per source (feed) and grid cell and UTC day: every
 * airborne stretch between two consecutive fixes of one aircraft from one
 * source, at least one of them at or above air_gap.cruise_ft, is walked along its
 * great circle one sample a minute; each sample adds its seconds to the
 * cell's "flown" time, and to its "heard" time too when the stretch is
 * shorter than air_gap.min_minutes (the aircraft was being heard).  The
 * reception of a cell is heard / flown: near 1 where the source hears
 * every aircraft that crosses, near 0 in a hole between receivers or over
 * an ocean, whatever the sampling rate of the source.
 *
 * A gap (at least air_gap.min_minutes between consecutive airborne fixes of
 * the merged track, one at altitude) is walked the same way; its coverage
 * is the mean reception of the cells it crosses, for the source that heard
 * its off fix or its on fix (the better of the two), over the days from one
 * before the gap to one after, with the gap's own stretch taken out.  It is
 * suspected when it lasted air_gap.suspect_minutes and coverage reaches
 * air_gap.coverage_min: the same source heard most aircraft most of the
 * time in the cells this one crossed in silence.
 *
 * Memory: 24 bytes per run of samples in one (source, cell, day), merged.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define DAY_MS        86400000LL
#define STEP_S        60.0          /* one sample a minute along a stretch */
#define MAX_STRETCH_S (24 * 3600.0) /* longer silences are not one flight */

struct rx_entry {
    uint64_t key;   /* source << 48 | cell << 20 | day */
    double heard_s; /* seconds of heard stretches */
    double flown_s; /* seconds of all stretches */
};

struct rx_index {
    struct rx_entry *v;
    size_t n, cap;
    double cell_deg;
};

struct rx_params {
    double cell_deg;  /* grid cell, degrees */
    double heard_s;   /* a stretch shorter than this was heard */
    double window_d;  /* days either side of the gap */
    double cruise_ft; /* reception is measured, and gaps suspected, from this altitude */
};

/* Grid cell of a position: row-major, 4096 columns at most. */
static uint32_t cell_index(double lat, double lon, double cell_deg)
{
    double r = floor((lat + 90.0) / cell_deg), c = floor((gt_geo_norm_lon(lon) + 180.0) / cell_deg);
    if (r < 0) {
        r = 0;
    }
    if (c < 0) {
        c = 0;
    }
    return (uint32_t)(r * 4096.0 + c);
}

/* UTC day number of t_ms (days since 1970, clamped to 20 bits). */
static uint32_t day_of(int64_t t_ms)
{
    int64_t d = t_ms / DAY_MS;
    return d < 0 ? 0 : d > 0xfffff ? 0xfffff : (uint32_t)d;
}

static uint64_t make_key(uint32_t source, uint32_t cell, uint32_t day)
{
    return ((uint64_t)(source & 0xffff) << 48) | ((uint64_t)(cell & 0xfffffff) << 20) | day;
}

/* qsort order of entries: by key. */
static int cmp_entry(const void *x, const void *y)
{
    const struct rx_entry *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key ? 1 : 0;
}

/* Add secs (heard or not) to the entry of key: consecutive samples of one
 * stretch usually share a key, so the last entry is tried first. */
static int rx_add(struct rx_index *ix, uint64_t key, double secs, int heard)
{
    struct rx_entry e;
    if (ix->n > 0 && ix->v[ix->n - 1].key == key) {
        ix->v[ix->n - 1].flown_s += secs;
        ix->v[ix->n - 1].heard_s += heard ? secs : 0.0;
        return GT_OK;
    }
    e.key = key;
    e.flown_s = secs;
    e.heard_s = heard ? secs : 0.0;
    return gt_push(&ix->v, &ix->n, &ix->cap, &e, sizeof e, 4096);
}

/* Is the stretch a..b one the index counts: airborne at both ends, one of
 * them at altitude (reception at cruise, not under a receiver's horizon),
 * and not longer than a day? */
static int stretch_counts(const struct gt_point *a, const struct gt_point *b,
                          const struct gt_flight_params *ap, double min_alt_ft)
{
    double dt = gt__air_dt_s(a->t_ms, b->t_ms);
    if (!(dt > 0) || dt > MAX_STRETCH_S || gt__air_on_ground(a, ap) || gt__air_on_ground(b, ap)) {
        return 0;
    }
    return ((a->flags & GT_OBS_ALT) && a->alt_ft >= min_alt_ft) ||
           ((b->flags & GT_OBS_ALT) && b->alt_ft >= min_alt_ft);
}

/* Number of one-minute samples of the stretch a..b (at least one). */
static size_t stretch_steps(const struct gt_point *a, const struct gt_point *b)
{
    double dt = gt__air_dt_s(a->t_ms, b->t_ms);
    return dt > STEP_S ? (size_t)ceil(dt / STEP_S) : 1;
}

/* Position and time of sample i of nstep along the great circle a..b. */
static void stretch_sample(const struct gt_point *a, const struct gt_point *b, size_t i,
                           size_t nstep, struct gt_latlon *pos, int64_t *t_ms)
{
    struct gt_latlon x = {a->lat_deg, a->lon_deg}, y = {b->lat_deg, b->lon_deg};
    double f = ((double)i + 0.5) / (double)nstep;
    double d = gt_geo_distance_m(x, y);
    *pos = d > 1.0 ? gt_geo_destination(x, gt_geo_bearing_deg(x, y), d * f) : x;
    *t_ms = a->t_ms + (int64_t)((double)(b->t_ms - a->t_ms) * f);
}

/* Walk the stretch a..b of source into ix (heard when shorter than the
 * heard limit). */
static int rx_walk(struct rx_index *ix, uint32_t source, const struct gt_point *a,
                   const struct gt_point *b, const struct rx_params *rp)
{
    double dt = gt__air_dt_s(a->t_ms, b->t_ms);
    size_t nstep = stretch_steps(a, b), i;
    int heard = dt < rp->heard_s, rc = GT_OK;

    for (i = 0; i < nstep && rc == GT_OK; i++) {
        struct gt_latlon p;
        int64_t t_ms;
        stretch_sample(a, b, i, nstep, &p, &t_ms);
        rc = rx_add(ix,
                    make_key(source, cell_index(p.lat_deg, p.lon_deg, rp->cell_deg), day_of(t_ms)),
                    dt / (double)nstep, heard);
    }
    return rc;
}

/* Does source occur among the first n entries of seen? */
static int seen_source(const uint32_t *seen, size_t n, uint32_t source)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (seen[i] == source) {
            return 1;
        }
    }
    return 0;
}

/* Index of the next point of track t after k from source, or t->n. */
static size_t next_of_source(const struct gt_track *t, size_t k, uint32_t source)
{
    for (k++; k < t->n && t->pts[k].source_id != source; k++) {
    }
    return k;
}

/* Walk every counted stretch of every source of track t into ix. */
static int rx_track(struct rx_index *ix, const struct gt_track *t,
                    const struct gt_flight_params *ap, const struct rx_params *rp)
{
    uint32_t seen[8];
    size_t nseen = 0, k, j;
    int rc = GT_OK;

    /* Sources in the order they appear; a track heard by more than eight
     * feeds keeps the first eight (the rest still make gaps, not
     * reception). */
    for (k = 0; k < t->n && nseen < 8; k++) {
        if (!seen_source(seen, nseen, t->pts[k].source_id)) {
            seen[nseen++] = t->pts[k].source_id;
        }
    }
    for (j = 0; j < nseen && rc == GT_OK; j++) {
        size_t a = next_of_source(t, (size_t)-1, seen[j]), b;
        for (; a < t->n && rc == GT_OK; a = b) {
            b = next_of_source(t, a, seen[j]);
            if (b < t->n && stretch_counts(&t->pts[a], &t->pts[b], ap, rp->cruise_ft)) {
                rc = rx_walk(ix, seen[j], &t->pts[a], &t->pts[b], rp);
            }
        }
    }
    return rc;
}

/* Sort the raw entries and merge equal keys. */
static void rx_merge(struct rx_index *ix)
{
    size_t i, o = 0;
    if (ix->n == 0) {
        return;
    }
    qsort(ix->v, ix->n, sizeof *ix->v, cmp_entry);
    for (i = 1; i < ix->n; i++) {
        if (ix->v[i].key == ix->v[o].key) {
            ix->v[o].heard_s += ix->v[i].heard_s;
            ix->v[o].flown_s += ix->v[i].flown_s;
        } else {
            ix->v[++o] = ix->v[i];
        }
    }
    ix->n = o + 1;
}

/* Sum heard and flown seconds of (source, cell) over days d0..d1. */
static void rx_sum(const struct rx_index *ix, uint32_t source, uint32_t cell, uint32_t d0,
                   uint32_t d1, double *heard_s, double *flown_s)
{
    size_t lo = 0, hi = ix->n;
    uint64_t k0 = make_key(source, cell, d0), k1 = make_key(source, cell, d1);

    *heard_s = *flown_s = 0.0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->v[mid].key < k0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (; lo < ix->n && ix->v[lo].key <= k1; lo++) {
        *heard_s += ix->v[lo].heard_s;
        *flown_s += ix->v[lo].flown_s;
    }
}

/* The figures that decide a gap for one source. */
struct gap_cov {
    double coverage; /* mean reception of the samples' cells */
    size_t cells;    /* distinct cells crossed (consecutive runs) */
    size_t covered;  /* of which with reception >= 0.5 */
    double heard_h;  /* heard hours in those cells, the gap's own stretch excluded */
    double flown_h;  /* flown hours in those cells, idem */
    uint32_t source;
};

/* Coverage of the gap a..b of track t (points ka, kb) for source: own is
 * the gap's own stretch of that source as walked into the index (NULL
 * entries when it was not counted), subtracted from every cell. */
static void gap_coverage(const struct rx_index *ix, const struct rx_index *own,
                         const struct gt_point *a, const struct gt_point *b, uint32_t source,
                         const struct rx_params *rp, struct gap_cov *gc)
{
    size_t nstep = stretch_steps(a, b), i, j;
    int64_t w_ms = (int64_t)(rp->window_d * (double)DAY_MS);
    uint32_t d0 = day_of(a->t_ms - w_ms), d1 = day_of(b->t_ms + w_ms), last = UINT32_MAX;
    double sum = 0.0, r = 0.0;

    memset(gc, 0, sizeof *gc);
    gc->source = source;
    for (i = 0; i < nstep; i++) {
        struct gt_latlon p;
        int64_t t_ms;
        uint32_t cell;
        stretch_sample(a, b, i, nstep, &p, &t_ms);
        cell = cell_index(p.lat_deg, p.lon_deg, rp->cell_deg);
        if (cell != last) {
            double h, f;
            rx_sum(ix, source, cell, d0, d1, &h, &f);
            for (j = 0; j < own->n; j++) {
                uint64_t k = own->v[j].key;
                if (k >= make_key(source, cell, d0) && k <= make_key(source, cell, d1)) {
                    h -= own->v[j].heard_s;
                    f -= own->v[j].flown_s;
                }
            }
            r = f > 1.0 && h > 0.0 ? h / f : 0.0;
            r = r > 1.0 ? 1.0 : r;
            gc->cells++;
            gc->covered += r >= 0.5;
            gc->heard_h += h > 0.0 ? h / 3600.0 : 0.0;
            gc->flown_h += f > 0.0 ? f / 3600.0 : 0.0;
            last = cell;
        }
        sum += r;
    }
    gc->coverage = sum / (double)nstep;
}

/* Coverage of the gap between points k-1 and k of t for the source of
 * point s (k-1 or k): the stretch of that source spanning the gap is
 * walked into a scratch index and taken out of the cells. */
static int coverage_for(const struct rx_index *ix, const struct gt_track *t, size_t k, size_t s,
                        const struct gt_flight_params *ap, const struct rx_params *rp,
                        struct gap_cov *gc)
{
    uint32_t source = t->pts[s].source_id;
    struct rx_index own = {NULL, 0, 0, rp->cell_deg};
    size_t ia = k - 1, ib = k;
    int rc = GT_OK;

    /* The last point of source at or before the off fix and the first at
     * or after the on fix: consecutive in that source's stretches. */
    while (ia != (size_t)-1 && t->pts[ia].source_id != source) {
        ia--;
    }
    while (ib < t->n && t->pts[ib].source_id != source) {
        ib++;
    }
    if (ia != (size_t)-1 && ib < t->n &&
        stretch_counts(&t->pts[ia], &t->pts[ib], ap, rp->cruise_ft)) {
        rc = rx_walk(&own, source, &t->pts[ia], &t->pts[ib], rp);
    }
    if (rc == GT_OK) {
        gap_coverage(ix, &own, &t->pts[k - 1], &t->pts[k], source, rp, gc);
    }
    gt_free(own.v);
    return rc;
}

/* Emit the gap event between fixes a (off) and b (on) of track t with the
 * figures that decided it; keys sorted, fixed decimals. */
static int emit_gap(const struct gt_track *t, const struct gt_point *a, const struct gt_point *b,
                    const struct gap_cov *gc, int suspected, gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    double hours = gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0, km = gt__air_km(a, b);
    int rc;

    gt_event_init(&e, GT_EVENT_GAP);
    e.subject = t->id;
    e.start_ms = a->t_ms;
    e.end_ms = b->t_ms;
    e.lat_deg = a->lat_deg;
    e.lon_deg = a->lon_deg;
    e.has_pos = 1;
    e.score = suspected ? 0.5 + 0.5 * gc->coverage : 0.25 * gc->coverage;
    rc = gt_buf_addf(
        &e.detail,
        "{\"alt_off_ft\":%d,\"alt_on_ft\":%d,\"cells\":%zu,\"cells_covered\":%zu,"
        "\"class\":\"aircraft\",\"coverage\":%.3f,\"distance_km\":%.3f,\"end_lat\":%.6f,"
        "\"end_lon\":%.6f,\"flown_hours\":%.3f,\"heard_hours\":%.3f,\"hours\":%.3f,"
        "\"implied_speed_kn\":%.1f,\"shore_distance_nm\":null,\"source\":%u,\"start_lat\":%.6f,"
        "\"start_lon\":%.6f,\"suspected\":%s}",
        (a->flags & GT_OBS_ALT) ? a->alt_ft : 0, (b->flags & GT_OBS_ALT) ? b->alt_ft : 0, gc->cells,
        gc->covered, gc->coverage, km, b->lat_deg, b->lon_deg, gc->flown_h, gc->heard_h, hours,
        hours > 0 ? km / 1.852 / hours : 0.0, gc->source, a->lat_deg, a->lon_deg,
        suspected ? "true" : "false");
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &a->prov, a->station_id, a->t_ms, "off");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "on");
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The "air_gap" detector: build the reception index once, then test every
 * long enough interval between airborne fixes of every aircraft. */
int gt__detect_air_gap(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt_flight_params ap;
    struct rx_params rp;
    struct rx_index ix;
    double min_s = 60.0 * gt_params_num(in->params, "air_gap.min_minutes", 10);
    double suspect_s = 60.0 * gt_params_num(in->params, "air_gap.suspect_minutes", 20);
    double cov_min = gt_params_num(in->params, "air_gap.coverage_min", 0.5);
    size_t i, k;
    int rc = GT_OK;

    gt_flight_params_init(&ap, in->params);
    rp.cell_deg = gt_params_num(in->params, "air_gap.cell_deg", 1.0);
    rp.window_d = gt_params_num(in->params, "air_gap.window_days", 1);
    rp.heard_s = min_s;
    rp.cruise_ft = gt_params_num(in->params, "air_gap.cruise_ft", 10000);
    if (!(rp.cell_deg >= 0.1 && rp.cell_deg <= 10.0)) {
        rp.cell_deg = 1.0;
    }
    if (!(rp.window_d >= 0.0 && rp.window_d <= 365.0)) {
        rp.window_d = 1.0;
    }
    memset(&ix, 0, sizeof ix);
    ix.cell_deg = rp.cell_deg;
    for (i = 0; i < in->fleet->n && rc == GT_OK; i++) {
        if (in->fleet->tracks[i].id.kind == GT_ID_ICAO) {
            rc = rx_track(&ix, &in->fleet->tracks[i], &ap, &rp);
        }
    }
    if (rc == GT_OK) {
        rx_merge(&ix);
    }
    for (i = 0; i < in->fleet->n && rc == GT_OK; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 1; k < t->n && rc == GT_OK; k++) {
            const struct gt_point *a = &t->pts[k - 1], *b = &t->pts[k];
            struct gap_cov ca, cb;
            double dt = gt__air_dt_s(a->t_ms, b->t_ms);
            if (dt < min_s || !stretch_counts(a, b, &ap, ap.low_ft)) {
                continue; /* short, touching the ground, or low on both sides */
            }
            rc = coverage_for(&ix, t, k, k - 1, &ap, &rp, &ca);
            if (rc == GT_OK && b->source_id != a->source_id) {
                rc = coverage_for(&ix, t, k, k, &ap, &rp, &cb);
                if (rc == GT_OK && cb.coverage > ca.coverage) {
                    ca = cb;
                }
            }
            if (rc == GT_OK) {
                /* at cruise: below FL100 (terminal areas, terrain) the
                 * receivers' horizon is another matter */
                int cruise = (a->flags & GT_OBS_ALT) && (b->flags & GT_OBS_ALT) &&
                             a->alt_ft >= rp.cruise_ft && b->alt_ft >= rp.cruise_ft;
                /* others were heard in those cells for at least as long
                 * as this one was silent: a reception ratio from a few
                 * minutes of traffic is no evidence */
                int heard = ca.heard_h * 3600.0 >= dt;
                rc = emit_gap(t, a, b, &ca,
                              cruise && heard && dt >= suspect_s && ca.coverage >= cov_min, emit,
                              ud);
            }
        }
    }
    gt_free(ix.v);
    return rc;
}
