/*
 * encounter.c - the "encounter" detector: two ships side by side at sea
 * (event type `encounter`, dark false).
 *
 * Definition after Global Fishing Watch's encounters (Miller et al. 2018,
 * "Identifying global patterns of transshipment behavior", Frontiers in
 * Marine Science): tracks resampled every 10 minutes (interpolating only
 * across gaps shorter than 1 h), two vessels within 500 m of each other for
 * at least 2 h, median speed below 2 kn, at least 10 km from any port
 * (or its own radius) and from any anchorage found in the data (sea.c:
 * GFW's stationary rule, so berths and anchorages the port table lacks are
 * covered); runs of one pair less than 4 h apart are merged, and the
 * merged runs together must last enc.min_hours.
 *
 * Never all pairs: each slow 10-minute sample (below enc.sample_max_kn) is
 * put in a spatial hash cell of its time slot (about 0.005 degrees, wider
 * in longitude away from the equator, so a cell is at least 500 m across);
 * a sample is compared only with the samples of its own and the adjacent
 * cells in the same slot, found by binary search in the array sorted by
 * (slot, row, column).  The cost is O(S log S) in the number of samples.
 * Longitudes are not wrapped at +-180 degrees (pairs straddling the
 * antimeridian are missed).
 *
 * Reading an event: subject and peer are the two MMSIs (lower first);
 * start and end are slot times, so they are accurate to the resampling
 * step; the evidence cites, for each vessel, the first real report at or
 * after the start and the last at or before the end, which is what an
 * analyst pulls up to check the meeting.  The score grows with duration
 * (up to 8 h) and closeness.
 *
 * Parameters (defaults): enc.max_distance_m (500), enc.min_hours (2),
 * enc.max_median_kn (2), enc.min_port_km (10), enc.min_anchorage_km (10),
 * anch.* (sea.c), enc.merge_hours (4),
 * enc.resample_minutes (10), enc.max_interp_hours (1), enc.sample_max_kn (4).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define ROW_DEG 0.005

/* One resampled position: where a hull was at a slot time.  The key packs
 * (slot, row, column) so that sorting by key groups each time slot's
 * samples by hash cell, and the neighbours of a cell in the same slot are a
 * contiguous run of the array for each neighbouring row. */
struct sample {
    uint64_t key; /* slot << 40 | row << 22 | col */
    uint32_t hull;
    float lat, lon, kn;
};

/* Two hulls closer than enc.max_distance_m in one slot: the raw material of
 * an encounter.  Sorted by (pair, slot), a pair's hits form its timeline. */
struct hit {
    uint32_t a, b; /* hull indexes, a < b */
    int64_t slot;
    float dist_m, kn_a, kn_b, lat, lon;
};

/* A growable array of fixed-size records (samples or hits); the sizes are
 * bounded by the fleet: at most one sample per hull per slot. */
struct vec {
    void *p;
    size_t n, cap, size;
};

/* Append one record, doubling the array when full. */
static int vpush(struct vec *v, const void *x)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 1024;
        void *np = gt_realloc(v->p, nc * v->size);
        if (np == NULL) {
            return GT_ERR_NOMEM;
        }
        v->p = np;
        v->cap = nc;
    }
    memcpy((char *)v->p + v->n * v->size, x, v->size);
    v->n++;
    return GT_OK;
}

/* Narrowing casts, kept in named helpers. */
static float to_f(double x)
{
    return (float)x;
}

static uint64_t to_u64(int64_t x)
{
    return (uint64_t)x;
}

/* Hash row of a latitude: ROW_DEG (about 556 m) is more than the 500 m
 * search radius, so a sample's partners are in its own row or the rows
 * above and below. */
static long row_of(double lat)
{
    return (long)floor((lat + 90.0) / ROW_DEG);
}

/* Longitude width of the cells of a row: at least 500 m. */
static double col_width(long row)
{
    double lat = -90.0 + ((double)row + 0.5) * ROW_DEG;
    double c = cos(fmin(fabs(lat) + ROW_DEG, 89.0) * 3.14159265358979323846 / 180.0);
    return ROW_DEG / fmax(c, 0.02);
}

/* Hash column of a longitude in a given row. */
static long col_of(double lon, long row)
{
    return (long)floor((lon + 180.0) / col_width(row));
}

/* Pack the sort key: 24 bits of slot (300 years of 10-minute slots), 18 of
 * row, 22 of column. */
static uint64_t make_key(int64_t slot, long row, long col)
{
    return (to_u64(slot) << 40) | ((uint64_t)row << 22) | (uint64_t)col;
}

/* Samples by key, then hull, so the order (and the output) is
 * deterministic. */
static int cmp_sample(const void *x, const void *y)
{
    const struct sample *a = x, *b = y;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->hull > b->hull) - (a->hull < b->hull);
}

/* Hits by pair, then time slot: each pair's timeline becomes contiguous. */
static int cmp_hit(const void *x, const void *y)
{
    const struct hit *a = x, *b = y;
    if (a->a != b->a) {
        return a->a < b->a ? -1 : 1;
    }
    if (a->b != b->b) {
        return a->b < b->b ? -1 : 1;
    }
    return (a->slot > b->slot) - (a->slot < b->slot);
}

/* For medians. */
static int cmp_float(const void *x, const void *y)
{
    float a = *(const float *)x, b = *(const float *)y;
    return (a > b) - (a < b);
}

/* Speed of the hull between points k and k + 1 at fraction f: reported
 * speeds interpolated when both are valid, else the implied speed. */
static double seg_speed(const struct gt__hull *h, size_t k, double f)
{
    const struct gt_point *p = gt__hull_pt(h, k), *q = gt__hull_pt(h, k + 1);
    int vp = (p->flags & GT_OBS_SPEED) && !gt_segment_invalid_speed(p->speed_kn);
    int vq = (q->flags & GT_OBS_SPEED) && !gt_segment_invalid_speed(q->speed_kn);
    int64_t dt = q->t_ms - p->t_ms;

    /* Reported speeds are what the ship's own GNSS says, better than a
     * difference of two noisy positions a few minutes apart. */
    if (vp && vq) {
        return (double)p->speed_kn + f * ((double)q->speed_kn - (double)p->speed_kn);
    }
    if (dt <= 0) {
        return vp ? (double)p->speed_kn : 0.0;
    }
    return gt_geo_fast_km(p->lat_deg, p->lon_deg, q->lat_deg, q->lon_deg) / 1.852 / gt__hours(dt);
}

/* Resample every hull onto the slot grid, keeping slow samples. */
static int resample(struct gt__sea *s, int64_t slot_ms, int64_t tmin, struct vec *out)
{
    int64_t max_dt = gt__ms(gt__sea_num(s, "enc.max_interp_hours", 1));
    double max_kn = gt__sea_num(s, "enc.sample_max_kn", 4);
    size_t hi;

    /* Each hull is walked once: k follows the slot time, so the cost is
     * linear in positions plus slots.  Fast samples are dropped here: a
     * pair moving faster than enc.sample_max_kn cannot have a median speed
     * below 2 kn over the samples that make its encounter, and ships
     * passing each other at speed never reach the hash. */
    for (hi = 0; hi < s->nhulls; hi++) {
        const struct gt__hull *h = &s->hulls[hi];
        int64_t slot = (h->t0 - tmin + slot_ms - 1) / slot_ms;
        size_t k = 0;
        for (;; slot++) {
            int64_t t = tmin + slot * slot_ms;
            const struct gt_point *p, *q;
            double f, lat, lon, kn;
            struct sample sm;
            long row;
            if (t > h->t1) {
                break;
            }
            while (k + 1 < h->n && gt__hull_pt(h, k + 1)->t_ms < t) {
                k++;
            }
            p = gt__hull_pt(h, k);
            if (k + 1 >= h->n) {
                if (p->t_ms != t) {
                    break;
                }
                q = p;
            } else {
                q = gt__hull_pt(h, k + 1);
            }
            if (q->t_ms - p->t_ms >= max_dt && p->t_ms != t && q->t_ms != t) {
                continue; /* do not invent positions across a long gap */
            }
            /* Linear interpolation is exact enough below an hour at the
             * slow speeds that matter here. */
            f = q->t_ms > p->t_ms ? (double)(t - p->t_ms) / (double)(q->t_ms - p->t_ms) : 0.0;
            lat = p->lat_deg + f * (q->lat_deg - p->lat_deg);
            lon = p->lon_deg + f * (q->lon_deg - p->lon_deg);
            kn = q == p ? ((p->flags & GT_OBS_SPEED) ? (double)p->speed_kn : 0.0)
                        : seg_speed(h, k, f);
            if (!(kn < max_kn)) {
                continue;
            }
            row = row_of(lat);
            sm.key = make_key(slot, row, col_of(lon, row));
            sm.hull = (uint32_t)hi;
            sm.lat = to_f(lat);
            sm.lon = to_f(lon);
            sm.kn = to_f(kn);
            if (vpush(out, &sm) != GT_OK) {
                return GT_ERR_NOMEM;
            }
        }
    }
    return GT_OK;
}

/* First sample with key >= key. */
static size_t lower_bound(const struct sample *v, size_t n, uint64_t key)
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

/* Compare each sample with its neighbours in the hash; collect close pairs. */
static int find_hits(struct gt__sea *s, const struct sample *v, size_t n, struct vec *hits)
{
    double max_m = gt__sea_num(s, "enc.max_distance_m", 500);
    size_t i;

    for (i = 0; i < n; i++) {
        const struct sample *a = &v[i];
        int64_t slot = (int64_t)(a->key >> 40);
        long row = row_of((double)a->lat), r;
        double dlon =
            (max_m / 111195.0) / fmax(cos((double)a->lat * 3.14159265358979323846 / 180.0), 0.02);
        /* Rows have their own column widths, so the column range of the
         * search box is computed per row from the longitude span of the
         * radius at this latitude. */
        for (r = row - 1; r <= row + 1; r++) {
            long c0 = col_of((double)a->lon - dlon, r), c1 = col_of((double)a->lon + dlon, r);
            size_t j;
            if (r < 0) {
                continue;
            }
            c0 = c0 < 0 ? 0 : c0; /* at the antimeridian: no wrap, but keep the row */
            for (j = lower_bound(v, n, make_key(slot, r, c0));
                 j < n && v[j].key <= make_key(slot, r, c1); j++) {
                const struct sample *b = &v[j];
                double d;
                struct hit h;
                /* Each pair once (a < b), and never two hulls of one
                 * MMSI: that is a shared identity, not a meeting. */
                if (b->hull <= a->hull || s->hulls[b->hull].track == s->hulls[a->hull].track) {
                    continue;
                }
                d = gt_geo_fast_km((double)a->lat, (double)a->lon, (double)b->lat, (double)b->lon) *
                    1000.0;
                if (d > max_m) {
                    continue;
                }
                h.a = a->hull;
                h.b = b->hull;
                h.slot = slot;
                h.dist_m = to_f(d);
                h.kn_a = a->kn;
                h.kn_b = b->kn;
                h.lat = to_f(((double)a->lat + (double)b->lat) / 2.0);
                h.lon = to_f(((double)a->lon + (double)b->lon) / 2.0);
                if (vpush(hits, &h) != GT_OK) {
                    return GT_ERR_NOMEM;
                }
            }
        }
    }
    return GT_OK;
}

/* Median of n floats (sorts them). */
static double median(float *x, size_t n)
{
    if (n == 0) {
        return (double)NAN;
    }
    qsort(x, n, sizeof *x, cmp_float);
    return n % 2 ? (double)x[n / 2] : ((double)x[n / 2 - 1] + (double)x[n / 2]) / 2.0;
}

/* First point of hull h at or after t (or the last point). */
static const struct gt_point *point_at(const struct gt__hull *h, int64_t t, int after)
{
    size_t k;
    if (after) {
        for (k = 0; k + 1 < h->n && gt__hull_pt(h, k)->t_ms < t; k++) {
        }
        return gt__hull_pt(h, k);
    }
    for (k = h->n - 1; k > 0 && gt__hull_pt(h, k)->t_ms > t; k--) {
    }
    return gt__hull_pt(h, k);
}

/* Emit one encounter made of hits[i0..i1). */
static int emit_run(struct gt__sea *s, const struct hit *hv, size_t i0, size_t i1, int64_t tmin,
                    int64_t slot_ms, gt_event_fn *emit, void *ud)
{
    double min_port_km = gt__sea_num(s, "enc.min_port_km", 10);
    double min_anch_km = gt__sea_num(s, "enc.min_anchorage_km", 10), anch_km;
    uint32_t anch_v = 0;
    double max_med_kn = gt__sea_num(s, "enc.max_median_kn", 2);
    size_t m = i1 - i0, i;
    float *buf = gt_malloc(2 * m * sizeof *buf);
    double med_d, med_kn, lat = 0, lon = 0, hours, port_km = (double)NAN;
    const struct gt__hull *ha = &s->hulls[hv[i0].a], *hb = &s->hulls[hv[i0].b];
    struct gt_event e;

    if (buf == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < m; i++) {
        buf[i] = hv[i0 + i].dist_m;
        lat += (double)hv[i0 + i].lat;
        lon += (double)hv[i0 + i].lon;
    }
    /* GFW's criteria are on medians, robust to a single noisy fix. */
    med_d = median(buf, m);
    for (i = 0; i < m; i++) {
        buf[2 * i] = hv[i0 + i].kn_a;
        buf[2 * i + 1] = hv[i0 + i].kn_b;
    }
    med_kn = median(buf, 2 * m);
    gt_free(buf);
    lat /= (double)m;
    lon /= (double)m;
    if (!(med_kn < max_med_kn)) {
        return GT_OK;
    }
    /* Side by side in a harbour is berthing, not a transfer at sea: near a
     * port of the table, or near a place where many vessels lie still
     * (an anchorage or berth the data itself shows; GFW's encounters keep
     * 10 km from anchorages the same way). */
    anch_km = gt__sea_anchorage_km(s, lat, lon, min_anch_km, &anch_v);
    if (anch_km <= min_anch_km) {
        return GT_OK;
    }
    if (s->ports != NULL) {
        double d;
        const struct gt_port *pt = gt_ports_nearest(s->ports, lat, lon, 100.0, &d);
        port_km = pt ? d : 100.0;
        /* the port's own anchorage radius when the table gives a wider one */
        if (port_km < fmax(min_port_km, pt ? pt->radius_nm * 1.852 : 0.0)) {
            return GT_OK;
        }
    }
    /* Hulls are sorted by track and tracks by MMSI, so the subject is the
     * lower MMSI of the pair: the id does not depend on who is listed
     * first. */
    gt_event_init(&e, GT_EVENT_ENCOUNTER);
    e.subject = ha->t->id;
    e.peer = hb->t->id;
    e.start_ms = tmin + hv[i0].slot * slot_ms;
    e.end_ms = tmin + hv[i1 - 1].slot * slot_ms;
    e.lat_deg = lat;
    e.lon_deg = lon;
    e.has_pos = 1;
    hours = gt__hours(e.end_ms - e.start_ms);
    e.score = 0.5 + 0.3 * gt__unit(hours / 8.0) + 0.2 * gt__unit(1.0 - med_d / 500.0);
    gt__evidence(&e, point_at(ha, e.start_ms, 1), "a_start");
    gt__evidence(&e, point_at(ha, e.end_ms, 0), "a_end");
    gt__evidence(&e, point_at(hb, e.start_ms, 1), "b_start");
    gt__evidence(&e, point_at(hb, e.end_ms, 0), "b_end");
    gt_buf_addstr(&e.detail, "{\"dark\":false");
    gt__json_num(&e.detail, "hours", hours, 3, 1);
    gt__json_num(&e.detail, "median_distance_m", med_d, 1, 1);
    gt__json_num(&e.detail, "median_speed_kn", med_kn, 3, 1);
    gt__json_num(&e.detail, "port_distance_km", port_km, 3, 1);
    if (s->ports == NULL) {
        gt_buf_addstr(&e.detail, ",\"skipped\":\"port_distance: no ports data\"");
    }
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* Walk the sorted hits pair by pair: runs of close slots less than
 * enc.merge_hours apart form a group, and a group whose runs add up to
 * enc.min_hours is one encounter (a reception hole of an hour or two
 * splits one meeting into runs that are each too short). */
static int group_hits(struct gt__sea *s, const struct hit *hv, size_t n, int64_t tmin,
                      int64_t slot_ms, gt_event_fn *emit, void *ud)
{
    int64_t min_slots = gt__ms(gt__sea_num(s, "enc.min_hours", 2)) / slot_ms;
    int64_t merge_slots = gt__ms(gt__sea_num(s, "enc.merge_hours", 4)) / slot_ms;
    size_t i = 0;

    while (i < n) {
        size_t j = i, gstart = SIZE_MAX, gend = 0;
        int64_t close = 0; /* slots covered by the group's runs, minus one */
        /* all hits of this pair: i..pe */
        size_t pe = i;
        while (pe < n && hv[pe].a == hv[i].a && hv[pe].b == hv[i].b) {
            pe++;
        }
        /* Runs: consecutive slots with at most one slot missing (a fast
         * or noisy sample). */
        while (j <= pe) {
            size_t r = j + 1;
            if (j < pe) {
                while (r < pe && hv[r].slot - hv[r - 1].slot <= 2) {
                    r++;
                }
            }
            /* the run j..r ends the group when it is too far from it (or
             * the pair's hits are done): emit the group if long enough */
            if (gstart != SIZE_MAX && (j == pe || hv[j].slot - hv[gend - 1].slot >= merge_slots)) {
                if (close >= min_slots) {
                    int rc = emit_run(s, hv, gstart, gend, tmin, slot_ms, emit, ud);
                    if (rc < 0) {
                        return rc;
                    }
                }
                gstart = SIZE_MAX;
            }
            if (j == pe) {
                break;
            }
            if (gstart == SIZE_MAX) {
                gstart = j;
                close = -1;
            }
            close += hv[r - 1].slot - hv[j].slot + 1;
            gend = r;
            j = r;
        }
        i = pe;
    }
    return GT_OK;
}

/* Entry point of the "encounter" detector. */
int gt__detect_encounter(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    struct vec samples = {NULL, 0, 0, sizeof(struct sample)};
    struct vec hits = {NULL, 0, 0, sizeof(struct hit)};
    int64_t slot_ms, tmin = INT64_MAX;
    size_t i;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK) {
        return rc;
    }
    slot_ms = gt__ms(gt__sea_num(&s, "enc.resample_minutes", 10) / 60.0);
    if (slot_ms < 1000) {
        slot_ms = 1000;
    }
    for (i = 0; i < s.nhulls; i++) {
        tmin = s.hulls[i].t0 < tmin ? s.hulls[i].t0 : tmin;
    }
    /* Slots are aligned to whole slot lengths since the epoch. */
    /* The three stages: resample slow hulls onto the slot grid, sort and
     * find close pairs per slot, then turn each pair's timeline into
     * encounters. */
    tmin = tmin == INT64_MAX ? 0 : tmin - (((tmin % slot_ms) + slot_ms) % slot_ms);
    rc = gt__sea_anchorages(&s);
    if (rc == GT_OK) {
        rc = resample(&s, slot_ms, tmin, &samples);
    }
    if (rc == GT_OK) {
        if (samples.n > 1) {
            qsort(samples.p, samples.n, sizeof(struct sample), cmp_sample);
        }
        rc = find_hits(&s, samples.p, samples.n, &hits);
    }
    gt_free(samples.p);
    if (rc == GT_OK) {
        if (hits.n > 1) {
            qsort(hits.p, hits.n, sizeof(struct hit), cmp_hit);
        }
        rc = group_hits(&s, hits.p, hits.n, tmin, slot_ms, emit, ud);
    }
    gt_free(hits.p);
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
