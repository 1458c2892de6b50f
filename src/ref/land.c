/*
 * land.c - Natural Earth land polygons: distance from shore and the
 * on-land test (see land.h).
 *
 * Distance from shore is one of the disabling-event rules of Welch et al.
 * (2022, Science Advances: gaps more than 50 nm from shore) and of Global
 * Fishing Watch's loitering definition (20 nm).  The coastline is kept as
 * straight lon/lat segments; two indexes sit on top:
 *
 *   - a 0.25-degree grid (CSR layout: cell_start/cell_seg) listing every
 *     segment whose bounding box touches a cell; gt_land_shore_nm() scans
 *     rings of cells outward and stops once no unseen cell can be nearer
 *     than the best segment found;
 *   - a 0.05-degree raster of land (one bit per cell centre), filled by a
 *     scanline even-odd rule over all segments.  Land in world-atlas is a
 *     dissolved layer, so every arc is coastline used once and parity over
 *     the arcs equals parity over the rings.
 *
 * Segments spanning more than 180 degrees of longitude (antimeridian
 * artefacts) are ignored for the raster, so land just beside +-180 degrees
 * may be missed there.
 *
 * This file builds the indexes and answers the queries; land_load.c reads
 * the formats the segments come from (TopoJSON, GeoJSON, the packed file).
 */
#include "ghosttrack/land.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ref_int.h"

#define GRID_DEG  0.25
#define GRID_COLS 1440
#define GRID_ROWS GT__LAND_GRID_ROWS
#define RAS_DEG   0.05
#define RAS_COLS  7200
#define RAS_ROWS  3600

static uint32_t to_u32(size_t v)
{
    return (uint32_t)v;
}

static long to_long(double v)
{
    return (long)floor(v);
}

/* Is (lat, lon) on the globe (with a little slack for quantisation)? */
static int on_globe(double lat, double lon)
{
    return lat >= -90.001 && lat <= 90.001 && lon >= -180.001 && lon <= 180.001;
}

/* Segments off the globe (or NaN) are dropped so the index arithmetic
 * below never sees them. */
int gt__land_add_seg(struct gt_land *l, double lat1, double lon1, double lat2, double lon2)
{
    if (!on_globe(lat1, lon1) || !on_globe(lat2, lon2)) {
        return GT_OK;
    }
    if (l->nsegs == l->capsegs) {
        size_t nc = l->capsegs ? l->capsegs * 2 : 4096;
        struct gt__land_seg *ns = gt_realloc(l->segs, nc * sizeof *ns);
        if (ns == NULL) {
            return GT_ERR_NOMEM;
        }
        l->segs = ns;
        l->capsegs = nc;
    }
    l->segs[l->nsegs].lat1 = (float)lat1;
    l->segs[l->nsegs].lon1 = (float)lon1;
    l->segs[l->nsegs].lat2 = (float)lat2;
    l->segs[l->nsegs].lon2 = (float)lon2;
    l->nsegs++;
    return GT_OK;
}

static long clampl(long v, long lo, long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Is s an edge that no coastline follows: along the antimeridian or a pole,
 * where polygon data is cut to fit the plate carree?  Such edges close the
 * rings (the raster needs them) but are no shore. */
static int artificial(const struct gt__land_seg *s)
{
    return (fabs((double)s->lon1 - (double)s->lon2) < 1e-9 &&
            fabs((double)s->lon1) > 180.0 - 1e-9) ||
           (fabs((double)s->lat1 - (double)s->lat2) < 1e-9 && fabs((double)s->lat1) > 90.0 - 1e-6);
}

/* Grid cell range of a segment's bounding box. */
static void seg_cells(const struct gt__land_seg *s, long *r0, long *r1, long *c0, long *c1)
{
    double la = fmin((double)s->lat1, (double)s->lat2), lb = fmax((double)s->lat1, (double)s->lat2);
    double oa = fmin((double)s->lon1, (double)s->lon2), ob = fmax((double)s->lon1, (double)s->lon2);

    if (ob - oa > 180.0) { /* crosses the antimeridian: index both ends only */
        oa = ob = (double)s->lon1;
    }
    *r0 = clampl(to_long((la + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    *r1 = clampl(to_long((lb + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    *c0 = clampl(to_long((oa + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
    *c1 = clampl(to_long((ob + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
}

static int build_grid(struct gt_land *l)
{
    size_t ncell = (size_t)GRID_ROWS * GRID_COLS, i, total = 0;
    uint32_t *fill;
    long r, c, r0, r1, c0, c1;

    l->cell_start = gt_calloc(ncell + 1, sizeof *l->cell_start);
    if (l->cell_start == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < l->nsegs; i++) {
        if (artificial(&l->segs[i])) {
            continue;
        }
        seg_cells(&l->segs[i], &r0, &r1, &c0, &c1);
        for (r = r0; r <= r1; r++) {
            for (c = c0; c <= c1; c++) {
                l->cell_start[(size_t)(r * GRID_COLS + c) + 1]++;
            }
        }
    }
    for (i = 0; i < ncell; i++) {
        total += l->cell_start[i + 1];
        l->cell_start[i + 1] = to_u32(total);
    }
    l->cell_seg = gt_malloc((total ? total : 1) * sizeof *l->cell_seg);
    fill = gt_malloc(ncell * sizeof *fill);
    if (l->cell_seg == NULL || fill == NULL) {
        gt_free(fill);
        return GT_ERR_NOMEM;
    }
    memcpy(fill, l->cell_start, ncell * sizeof *fill);
    for (i = 0; i < l->nsegs; i++) {
        if (artificial(&l->segs[i])) {
            continue;
        }
        seg_cells(&l->segs[i], &r0, &r1, &c0, &c1);
        for (r = r0; r <= r1; r++) {
            for (c = c0; c <= c1; c++) {
                l->cell_seg[fill[r * GRID_COLS + c]++] = to_u32(i);
            }
        }
    }
    gt_free(fill);
    return GT_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Rasterise: for each raster row, the longitudes where the row's centre
 * latitude crosses a segment, sorted; land lies between pairs. */
static int build_raster(struct gt_land *l)
{
    size_t nrow = RAS_ROWS, i, total = 0;
    uint32_t *start = gt_calloc(nrow + 1, sizeof *start);
    uint32_t *fill = NULL;
    double *xs = NULL;
    long r;

    l->raster = gt_calloc((size_t)RAS_ROWS * RAS_COLS / 8, 1);
    if (start == NULL || l->raster == NULL) {
        gt_free(start);
        return GT_ERR_NOMEM;
    }
    /* Rows whose centre y satisfies min < y <= max cross the segment. */
    for (int pass = 0; pass < 2; pass++) {
        for (i = 0; i < l->nsegs; i++) {
            const struct gt__land_seg *s = &l->segs[i];
            double la = fmin((double)s->lat1, (double)s->lat2),
                   lb = fmax((double)s->lat1, (double)s->lat2);
            long ra, rb;
            if (fabs((double)s->lon2 - (double)s->lon1) > 180.0 || !(lb > la)) {
                continue;
            }
            /* one row of slack each way: the test below decides, with
             * the very y used in pass 1, so a vertex lying exactly on a
             * row centre (common in 5-decimal data) is counted once */
            ra = clampl(to_long((la + 90.0) / RAS_DEG - 0.5), 0, RAS_ROWS);
            rb = clampl(to_long((lb + 90.0) / RAS_DEG - 0.5) + 1, -1, RAS_ROWS - 1);
            for (r = ra; r <= rb; r++) {
                double y = -90.0 + ((double)r + 0.5) * RAS_DEG;
                if (!(y > la && y <= lb)) {
                    continue;
                }
                if (pass == 0) {
                    start[r + 1]++;
                } else {
                    xs[fill[r]++] = (double)s->lon1 + (y - (double)s->lat1) *
                                                          ((double)s->lon2 - (double)s->lon1) /
                                                          ((double)s->lat2 - (double)s->lat1);
                }
            }
        }
        if (pass == 0) {
            for (i = 0; i < nrow; i++) {
                total += start[i + 1];
                start[i + 1] = to_u32(total);
            }
            xs = gt_malloc((total ? total : 1) * sizeof *xs);
            fill = gt_malloc(nrow * sizeof *fill);
            if (xs == NULL || fill == NULL) {
                gt_free(xs);
                gt_free(fill);
                gt_free(start);
                return GT_ERR_NOMEM;
            }
            memcpy(fill, start, nrow * sizeof *fill);
        }
    }
    for (r = 0; r < RAS_ROWS; r++) {
        double *x = xs + start[r];
        size_t n = start[r + 1] - start[r], k;
        qsort(x, n, sizeof *x, cmp_double);
        for (k = 0; k + 1 < n; k += 2) {
            long c0 = clampl(to_long((x[k] + 180.0) / RAS_DEG - 0.5) + 1, 0, RAS_COLS);
            long c1 = clampl(to_long((x[k + 1] + 180.0) / RAS_DEG - 0.5), -1, RAS_COLS - 1);
            long c;
            for (c = c0; c <= c1; c++) {
                size_t bit = (size_t)(r * RAS_COLS + c);
                l->raster[bit >> 3] = (uint8_t)(l->raster[bit >> 3] | (1u << (bit & 7)));
            }
        }
    }
    gt_free(xs);
    gt_free(fill);
    gt_free(start);
    return GT_OK;
}

/* The cosine table, the grid and the raster, built once all segments are
 * in; on failure l is freed. */
int gt__land_finish(struct gt_land *l, struct gt_land **out)
{
    long r;

    for (r = 0; r < GRID_ROWS; r++) {
        double la0 = -90.0 + (double)r * GRID_DEG, la1 = la0 + GRID_DEG;
        l->rowcos[r] = cos(fmax(fabs(la0), fabs(la1)) * 3.14159265358979323846 / 180.0);
    }
    if (build_grid(l) != GT_OK || build_raster(l) != GT_OK) {
        gt_land_free(l);
        return GT_ERR_NOMEM;
    }
    *out = l;
    return GT_OK;
}

int gt_land_is_water(const struct gt_land *l)
{
    return l != NULL && l->water;
}

int gt_land_from_rings(const struct gt_latlon *pts, const size_t *ring_len, size_t nrings,
                       struct gt_land **out)
{
    struct gt_land *l = gt_calloc(1, sizeof *l);
    size_t r, k, off = 0;

    *out = NULL;
    if (l == NULL) {
        return GT_ERR_NOMEM;
    }
    for (r = 0; r < nrings; r++) {
        size_t m = ring_len[r];
        for (k = 0; k < m; k++) {
            struct gt_latlon a = pts[off + k], b = pts[off + (k + 1) % m];
            if (gt__land_add_seg(l, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg) != GT_OK) {
                gt_land_free(l);
                return GT_ERR_NOMEM;
            }
        }
        off += m;
    }
    return gt__land_finish(l, out);
}

void gt_land_free(struct gt_land *l)
{
    if (l == NULL) {
        return;
    }
    gt_free(l->segs);
    gt_free(l->cell_start);
    gt_free(l->cell_seg);
    gt_free(l->raster);
    gt_land_free(l->inland);
    gt_free(l->ringset);
    gt_free(l);
}

size_t gt_land_nsegments(const struct gt_land *l)
{
    return l ? l->nsegs : 0;
}

/* A lower bound of the distance in metres from p to grid cell (r, c):
 * equirectangular with the cosine of the cell's or p's highest latitude,
 * less 10 % for the approximation, so it never exceeds the truth. */
static double cell_bound_m(const struct gt_land *l, struct gt_latlon p, double pcos, long r, long c)
{
    const double k = 3.14159265358979323846 / 180.0;
    double la0 = -90.0 + (double)r * GRID_DEG, la1 = la0 + GRID_DEG;
    double lo0 = -180.0 + (double)c * GRID_DEG, lo1 = lo0 + GRID_DEG;
    double dlat = p.lat_deg < la0 ? la0 - p.lat_deg : p.lat_deg > la1 ? p.lat_deg - la1 : 0.0;
    double dlon = p.lon_deg < lo0 ? lo0 - p.lon_deg : p.lon_deg > lo1 ? p.lon_deg - lo1 : 0.0;

    if (dlon > 180.0) {
        dlon = 360.0 - dlon;
    }
    dlon *= fmin(pcos, l->rowcos[r]);
    return 0.9 * sqrt(dlat * dlat + dlon * dlon) * k * GT_EARTH_RADIUS_M;
}

/* A lower bound of the distance in metres from p to segment s: to its
 * bounding box, equirectangular with the smallest cosine in play (cs),
 * less 10 %.  Segments across the antimeridian get 0 (always measured). */
static double seg_bound_m(const struct gt__land_seg *s, struct gt_latlon p, double cs)
{
    const double k = 3.14159265358979323846 / 180.0;
    double la0 = fmin((double)s->lat1, (double)s->lat2),
           la1 = fmax((double)s->lat1, (double)s->lat2);
    double lo0 = fmin((double)s->lon1, (double)s->lon2),
           lo1 = fmax((double)s->lon1, (double)s->lon2);
    double dlat = p.lat_deg < la0 ? la0 - p.lat_deg : p.lat_deg > la1 ? p.lat_deg - la1 : 0.0;
    double dlon = p.lon_deg < lo0 ? lo0 - p.lon_deg : p.lon_deg > lo1 ? p.lon_deg - lo1 : 0.0;

    if (lo1 - lo0 > 180.0 || dlon > 180.0) {
        return 0.0;
    }
    dlon *= cs;
    return 0.9 * sqrt(dlat * dlat + dlon * dlon) * k * GT_EARTH_RADIUS_M;
}

/* Scan one grid cell, lowering *best (metres). */
static void scan_cell(const struct gt_land *l, long r, long c, struct gt_latlon p, double pcos,
                      double *best)
{
    size_t cell = (size_t)(r * GRID_COLS + c), k;

    if (l->cell_start[cell] == l->cell_start[cell + 1] || cell_bound_m(l, p, pcos, r, c) >= *best) {
        return;
    }
    for (k = l->cell_start[cell]; k < l->cell_start[cell + 1]; k++) {
        const struct gt__land_seg *s = &l->segs[l->cell_seg[k]];
        struct gt_latlon a = {(double)s->lat1, (double)s->lon1},
                         b = {(double)s->lat2, (double)s->lon2};
        double d;
        /* The exact distance costs a dozen trigonometric calls: first a
         * cheap lower bound from the segment's bounding box. */
        if (seg_bound_m(s, p, fmin(pcos, l->rowcos[r])) >= *best) {
            continue;
        }
        d = gt_geo_segment_distance_m(p, a, b);
        if (d < *best) {
            *best = d;
        }
    }
}

/* Scan columns c0..c1 (wrapping around the globe) of row r. */
static void scan_cols(const struct gt_land *l, long r, long c0, long c1, struct gt_latlon p,
                      double pcos, double *best)
{
    long c;
    for (c = c0; c <= c1; c++) {
        scan_cell(l, r, ((c % GRID_COLS) + GRID_COLS) % GRID_COLS, p, pcos, best);
    }
}

double gt_land_shore_nm(const struct gt_land *l, double lat_deg, double lon_deg)
{
    const double deg_nm = 60.0 * GRID_DEG;
    struct gt_latlon p = {lat_deg, lon_deg};
    long r0 = clampl(to_long((lat_deg + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    long c0 = clampl(to_long((lon_deg + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
    double best = HUGE_VAL, pcos = cos(fmin(fabs(lat_deg), 90.0) * 3.14159265358979323846 / 180.0);
    long k, prevkl = -1;

    if (l == NULL || l->nsegs == 0 || !on_globe(lat_deg, lon_deg)) {
        return GT_LAND_MAX_NM;
    }
    for (k = 0;; k++) {
        double maxlat = fmin(89.0, fabs(lat_deg) + (double)(k + 1) * GRID_DEG);
        double cs = fmax(cos(maxlat * 3.14159265358979323846 / 180.0), 0.01);
        long kl = (long)ceil((double)k / cs), r;
        if (kl > GRID_COLS / 2) {
            kl = GRID_COLS / 2;
        }
        for (r = r0 - k; r <= r0 + k; r++) {
            int inner = r > r0 - k && r < r0 + k && prevkl >= 0;
            if (r < 0 || r >= GRID_ROWS) {
                continue;
            }
            if (kl >= GRID_COLS / 2) { /* the box spans the whole row */
                long c;
                if (inner && prevkl >= GRID_COLS / 2) {
                    continue;
                }
                for (c = 0; c < GRID_COLS; c++) {
                    scan_cell(l, r, c, p, pcos, &best);
                }
                continue;
            }
            if (inner) { /* rows seen before: only the new columns each side */
                scan_cols(l, r, c0 - kl, c0 - prevkl - 1, p, pcos, &best);
                scan_cols(l, r, c0 + prevkl + 1, c0 + kl, p, pcos, &best);
            } else {
                scan_cols(l, r, c0 - kl, c0 + kl, p, pcos, &best);
            }
        }
        prevkl = kl;
        if (best / GT_NM_M <= (double)k * deg_nm) {
            break;
        }
        if ((double)k * deg_nm >= GT_LAND_MAX_NM) {
            break;
        }
    }
    best /= GT_NM_M;
    return best < GT_LAND_MAX_NM ? best : GT_LAND_MAX_NM;
}

/* Is any coastline segment within dist_m of p?  Scans the grid cells of
 * p's cell and its eight neighbours, enough for dist_m up to a grid cell
 * (about 15 nm in latitude, less in longitude near the poles: there the
 * answer may miss a segment and call a point near the coast on land). */
static int coast_within(const struct gt_land *l, struct gt_latlon p, double dist_m)
{
    long r0 = clampl(to_long((p.lat_deg + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    long c0 = clampl(to_long((p.lon_deg + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
    long r, c;
    double best = dist_m, pcos = cos(fmin(fabs(p.lat_deg), 90.0) * 3.14159265358979323846 / 180.0);

    for (r = r0 - 1; r <= r0 + 1; r++) {
        if (r < 0 || r >= GRID_ROWS) {
            continue;
        }
        for (c = c0 - 1; c <= c0 + 1; c++) {
            scan_cell(l, r, ((c % GRID_COLS) + GRID_COLS) % GRID_COLS, p, pcos, &best);
            if (best < dist_m) {
                return 1;
            }
        }
    }
    return 0;
}

/* Do segments s and p-q cross?  Orientation test on plate carree
 * coordinates: exact enough at the few kilometres a raster cell spans. */
static int crosses(const struct gt__land_seg *s, struct gt_latlon p, struct gt_latlon q)
{
    double d1 = (q.lon_deg - p.lon_deg) * ((double)s->lat1 - p.lat_deg) -
                (q.lat_deg - p.lat_deg) * ((double)s->lon1 - p.lon_deg);
    double d2 = (q.lon_deg - p.lon_deg) * ((double)s->lat2 - p.lat_deg) -
                (q.lat_deg - p.lat_deg) * ((double)s->lon2 - p.lon_deg);
    double d3 = ((double)s->lon2 - (double)s->lon1) * (p.lat_deg - (double)s->lat1) -
                ((double)s->lat2 - (double)s->lat1) * (p.lon_deg - (double)s->lon1);
    double d4 = ((double)s->lon2 - (double)s->lon1) * (q.lat_deg - (double)s->lat1) -
                ((double)s->lat2 - (double)s->lat1) * (q.lon_deg - (double)s->lon1);

    return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

int gt_land_contains(const struct gt_land *l, double lat_deg, double lon_deg)
{
    long r, c, gr, gc, gr0, gr1, gc0, gc1;
    size_t bit, k;
    struct gt_latlon p = {lat_deg, lon_deg}, centre;
    int inside;

    if (l == NULL || l->raster == NULL || !on_globe(lat_deg, lon_deg)) {
        return 0;
    }
    r = clampl(to_long((lat_deg + 90.0) / RAS_DEG), 0, RAS_ROWS - 1);
    c = clampl(to_long((lon_deg + 180.0) / RAS_DEG), 0, RAS_COLS - 1);
    bit = (size_t)(r * RAS_COLS + c);
    inside = (l->raster[bit >> 3] & (1u << (bit & 7))) != 0;
    /* The raster holds the even-odd answer at the cell centre; every
     * polygon edge between p and the centre flips it.  Those edges are in
     * the grid cells the short line p-centre touches. */
    centre.lat_deg = -90.0 + ((double)r + 0.5) * RAS_DEG;
    centre.lon_deg = -180.0 + ((double)c + 0.5) * RAS_DEG;
    gr0 = clampl(to_long((fmin(p.lat_deg, centre.lat_deg) + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    gr1 = clampl(to_long((fmax(p.lat_deg, centre.lat_deg) + 90.0) / GRID_DEG), 0, GRID_ROWS - 1);
    gc0 = clampl(to_long((fmin(p.lon_deg, centre.lon_deg) + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
    gc1 = clampl(to_long((fmax(p.lon_deg, centre.lon_deg) + 180.0) / GRID_DEG), 0, GRID_COLS - 1);
    for (gr = gr0; gr <= gr1; gr++) {
        for (gc = gc0; gc <= gc1; gc++) {
            size_t cell = (size_t)(gr * GRID_COLS + gc);
            for (k = l->cell_start[cell]; k < l->cell_start[cell + 1]; k++) {
                const struct gt__land_seg *s = &l->segs[l->cell_seg[k]];
                /* a segment listed in several of these cells is counted
                 * once: in the first cell its bounding box shares with
                 * them */
                long sr0, sr1, sc0, sc1;
                seg_cells(s, &sr0, &sr1, &sc0, &sc1);
                if (fabs((double)s->lon2 - (double)s->lon1) > 180.0 ||
                    gr != (sr0 > gr0 ? sr0 : gr0) || gc != (sc0 > gc0 ? sc0 : gc0)) {
                    continue;
                }
                if (crosses(s, p, centre)) {
                    inside = !inside;
                }
            }
        }
    }
    if (inside == l->water) {
        return 0;
    }
    return l->inland == NULL || gt_land_contains(l->inland, lat_deg, lon_deg);
}

void gt_land_set_inland(struct gt_land *l, struct gt_land *inland)
{
    gt_land_free(l->inland);
    l->inland = inland;
}

int gt_land_on_land(const struct gt_land *l, double lat_deg, double lon_deg)
{
    struct gt_latlon p = {lat_deg, lon_deg};

    if (!gt_land_contains(l, lat_deg, lon_deg)) {
        return 0;
    }
    /* Land, but a quay, a lock or a basin narrower than the data resolves
     * is within the slack: not called on land. */
    return !coast_within(l, p, GT_LAND_COAST_SLACK_NM * GT_NM_M) &&
           (l->inland == NULL || !coast_within(l->inland, p, GT_LAND_COAST_SLACK_NM * GT_NM_M));
}
