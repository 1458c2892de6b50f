/*
 * air_gap.c - the "air_gap" detector: aircraft transponder gaps at
 * altitude, `suspected` when the aircraft was inside coverage.
 *
 * Practice followed: the coverage-aware gap rule of Global Fishing Watch
 * for AIS (a gap counts only where reception was good), carried over to
 * ADS-B as investigators read Flightradar24 and ADS-B Exchange: if other
 * aircraft were heard in the same place while one was silent, the silence
 * was the transponder's, not the receivers'.
 *
 * Coverage index: every ICAO track contributes one entry per (grid cell,
 * 10-minute bucket) it was heard in; entries are sorted by (cell, bucket),
 * so "was anyone else heard in cell c between t0 and t1" is a few binary
 * searches.  A gap between two airborne fixes at least min_minutes apart
 * is tested along the great circle between its ends, one sample every
 * 50 km: the fraction of sampled cells where another aircraft was heard
 * during the gap is its `coverage`; at or above coverage_min it is
 * `suspected`.  Ocean crossings outside receiver range have coverage near
 * zero and are reported as plain (not suspected) gaps.
 *
 * Memory: 16 bytes per entry, at most one entry per aircraft per cell per
 * bucket (far fewer than positions).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define BUCKET_MS 600000 /* 10 minutes */

struct cov_entry {
    uint64_t key;  /* cell << 32 | bucket */
    uint32_t icao; /* who was heard */
};

struct coverage {
    struct cov_entry *v;
    size_t n;
    double cell_deg;
    int64_t t0_ms; /* bucket origin */
};

/* Grid cell of a position: row-major, 4096 columns at most. */
static uint32_t cell_index(double lat, double lon, double cell_deg)
{
    double r = floor((lat + 90.0) / cell_deg), c = floor((gt_geo_norm_lon(lon) + 180.0) / cell_deg);
    return (uint32_t)(r * 4096.0 + c);
}

/* Ten-minute bucket of t_ms since the fleet's first fix. */
static uint32_t bucket_of(const struct coverage *cv, int64_t t_ms)
{
    int64_t b = (t_ms - cv->t0_ms) / BUCKET_MS;
    return b < 0 ? 0 : b > 0x7fffffff ? 0x7fffffff : (uint32_t)b;
}

/* Sort key of (cell, bucket): cell-major so one cell's buckets are adjacent. */
static uint64_t make_key(uint32_t cell, uint32_t bucket)
{
    return ((uint64_t)cell << 32) | bucket;
}

/* qsort order of coverage entries: key, then aircraft. */
static int cmp_entry(const void *x, const void *y)
{
    const struct cov_entry *a = x, *b = y;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return a->icao < b->icao ? -1 : a->icao > b->icao ? 1 : 0;
}

/* Build the coverage index of every ICAO track of f. */
static int coverage_build(struct coverage *cv, const struct gt_fleet *f, double cell_deg)
{
    size_t i, k, cap = 0;

    memset(cv, 0, sizeof *cv);
    cv->cell_deg = cell_deg;
    cv->t0_ms = INT64_MAX;
    for (i = 0; i < f->n; i++) {
        if (f->tracks[i].id.kind == GT_ID_ICAO && f->tracks[i].n > 0 &&
            f->tracks[i].pts[0].t_ms < cv->t0_ms) {
            cv->t0_ms = f->tracks[i].pts[0].t_ms;
        }
    }
    /* One entry per change of (cell, bucket) along each track: an
     * aircraft heard every second for ten minutes in one cell is one
     * entry, which keeps the index small. */
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        uint64_t last = UINT64_MAX;
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 0; k < t->n; k++) {
            const struct gt_point *p = &t->pts[k];
            uint64_t key =
                make_key(cell_index(p->lat_deg, p->lon_deg, cell_deg), bucket_of(cv, p->t_ms));
            if (key == last) {
                continue;
            }
            last = key;
            if (cv->n == cap) {
                size_t nc = cap ? cap * 2 : 4096;
                struct cov_entry *np = gt_realloc(cv->v, nc * sizeof *np);
                if (np == NULL) {
                    gt_free(cv->v);
                    cv->v = NULL;
                    return GT_ERR_NOMEM;
                }
                cv->v = np;
                cap = nc;
            }
            cv->v[cv->n].key = key;
            cv->v[cv->n].icao = t->id.value;
            cv->n++;
        }
    }
    if (cv->n > 0) {
        qsort(cv->v, cv->n, sizeof *cv->v, cmp_entry);
    }
    return GT_OK;
}

/* Number of entries of aircraft other than icao in cell between buckets
 * b0 and b1 (capped at 100). */
static size_t coverage_count(const struct coverage *cv, uint32_t cell, uint32_t b0, uint32_t b1,
                             uint32_t icao)
{
    size_t lo = 0, hi = cv->n, count = 0;
    uint64_t k0 = make_key(cell, b0), k1 = make_key(cell, b1);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cv->v[mid].key < k0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (; lo < cv->n && cv->v[lo].key <= k1 && count < 100; lo++) {
        count += cv->v[lo].icao != icao;
    }
    return count;
}

/* Fraction of the gap's path cells where others were heard; *reception
 * gets the count in the cell of the off fix. */
static double gap_coverage(const struct coverage *cv, const struct gt_point *a,
                           const struct gt_point *b, uint32_t icao, size_t *reception)
{
    struct gt_latlon x = {a->lat_deg, a->lon_deg}, y = {b->lat_deg, b->lon_deg};
    double dist_m = gt_geo_distance_m(x, y), brg = gt_geo_bearing_deg(x, y);
    uint32_t b0 = bucket_of(cv, a->t_ms), b1 = bucket_of(cv, b->t_ms);
    size_t nsamp = (size_t)(dist_m / 50000.0) + 2, i, heard = 0;

    /* The samples include both ends; every cell the straight path crosses
     * is sampled at least once for cells of 1 degree (111 km) and steps of
     * 50 km.  The whole gap window is used for every sample: where the
     * aircraft was at a given minute is not known. */
    *reception = coverage_count(cv, cell_index(x.lat_deg, x.lon_deg, cv->cell_deg), b0, b1, icao);
    for (i = 0; i < nsamp; i++) {
        double d = dist_m * (double)i / (double)(nsamp - 1);
        struct gt_latlon p = gt_geo_destination(x, brg, d);
        heard +=
            coverage_count(cv, cell_index(p.lat_deg, p.lon_deg, cv->cell_deg), b0, b1, icao) > 0;
    }
    return (double)heard / (double)nsamp;
}

/* Is the fix airborne (the on-ground rules of flight.c)? */
static int is_airborne(const struct gt_point *p, const struct gt_air_params *ap)
{
    return !gt__air_on_ground(p, ap);
}

/* Emit the gap event between fixes a (off) and b (on) of track t, with the
 * coverage measured along its path; keys sorted, fixed decimals. */
static int emit_gap(const struct gt_track *t, const struct gt_point *a, const struct gt_point *b,
                    double cov, size_t reception, double cov_min, gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    double hours = gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0, km = gt__air_km(a, b);
    int suspected = cov >= cov_min, rc;

    gt_event_init(&e, GT_EVENT_GAP);
    e.subject = t->id;
    e.start_ms = a->t_ms;
    e.end_ms = b->t_ms;
    e.lat_deg = a->lat_deg;
    e.lon_deg = a->lon_deg;
    e.has_pos = 1;
    e.score = suspected ? 0.5 + 0.5 * cov : 0.25 * cov;
    rc = gt_buf_addf(&e.detail,
                     "{\"alt_off_ft\":%d,\"alt_on_ft\":%d,\"class\":\"aircraft\",\"coverage\":%.3f,"
                     "\"distance_km\":%.3f,\"end_lat\":%.6f,\"end_lon\":%.6f,\"hours\":%.3f,"
                     "\"implied_speed_kn\":%.1f,\"reception\":%zu,\"shore_distance_nm\":null,"
                     "\"start_lat\":%.6f,\"start_lon\":%.6f,\"suspected\":%s}",
                     (a->flags & GT_OBS_ALT) ? a->alt_ft : 0,
                     (b->flags & GT_OBS_ALT) ? b->alt_ft : 0, cov, km, b->lat_deg, b->lon_deg,
                     hours, hours > 0 ? km / 1.852 / hours : 0.0, reception, a->lat_deg, a->lon_deg,
                     suspected ? "true" : "false");
    if (rc == GT_OK) {
        (void)gt_event_add_evidence(&e, &a->prov, a->station_id, a->t_ms, "off");
        (void)gt_event_add_evidence(&e, &b->prov, b->station_id, b->t_ms, "on");
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* The "air_gap" detector: build the coverage index once, then test every
 * long enough interval between airborne fixes of every aircraft. */
int gt__detect_air_gap(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt_air_params ap;
    struct coverage cv;
    double min_s = 60.0 * gt_params_num(in->params, "air_gap.min_minutes", 10);
    double cell = gt_params_num(in->params, "air_gap.cell_deg", 1.0);
    double cov_min = gt_params_num(in->params, "air_gap.coverage_min", 0.5);
    size_t i, k;
    int rc;

    gt_air_params_init(&ap, in->params);
    if (!(cell > 0.05)) {
        cell = 1.0;
    }
    rc = coverage_build(&cv, in->fleet, cell);
    for (i = 0; i < in->fleet->n && rc == GT_OK; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        for (k = 1; k < t->n && rc == GT_OK; k++) {
            const struct gt_point *a = &t->pts[k - 1], *b = &t->pts[k];
            size_t reception;
            double cov;
            if (gt__air_dt_s(a->t_ms, b->t_ms) < min_s || !is_airborne(a, &ap) ||
                !is_airborne(b, &ap)) {
                continue;
            }
            if (!(((a->flags & GT_OBS_ALT) && a->alt_ft >= ap.low_ft) ||
                  ((b->flags & GT_OBS_ALT) && b->alt_ft >= ap.low_ft))) {
                continue; /* low on both sides: terrain masking, not a switch-off */
            }
            cov = gap_coverage(&cv, a, b, t->id.value, &reception);
            rc = emit_gap(t, a, b, cov, reception, cov_min, emit, ud);
        }
    }
    gt_free(cv.v);
    return rc;
}
