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
 */
#include "ghosttrack/land.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ref_int.h"

#define GRID_DEG  0.25
#define GRID_COLS 1440
#define GRID_ROWS 720
#define RAS_DEG   0.05
#define RAS_COLS  7200
#define RAS_ROWS  3600

struct seg {
    double lat1, lon1, lat2, lon2;
};

struct gt_land {
    struct seg *segs;
    size_t nsegs, capsegs;
    uint32_t *cell_start; /* GRID_ROWS * GRID_COLS + 1 */
    uint32_t *cell_seg;
    uint8_t *raster;          /* RAS_ROWS * RAS_COLS bits */
    double rowcos[GRID_ROWS]; /* cosine of each grid row's highest |latitude| */
};

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

/* Append one coastline segment; segments off the globe (or NaN) are
 * dropped so the index arithmetic below never sees them. */
static int add_seg(struct gt_land *l, double lat1, double lon1, double lat2, double lon2)
{
    if (!on_globe(lat1, lon1) || !on_globe(lat2, lon2)) {
        return GT_OK;
    }
    if (l->nsegs == l->capsegs) {
        size_t nc = l->capsegs ? l->capsegs * 2 : 4096;
        struct seg *ns = gt_realloc(l->segs, nc * sizeof *ns);
        if (ns == NULL) {
            return GT_ERR_NOMEM;
        }
        l->segs = ns;
        l->capsegs = nc;
    }
    l->segs[l->nsegs].lat1 = lat1;
    l->segs[l->nsegs].lon1 = lon1;
    l->segs[l->nsegs].lat2 = lat2;
    l->segs[l->nsegs].lon2 = lon2;
    l->nsegs++;
    return GT_OK;
}

static long clampl(long v, long lo, long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Grid cell range of a segment's bounding box. */
static void seg_cells(const struct seg *s, long *r0, long *r1, long *c0, long *c1)
{
    double la = fmin(s->lat1, s->lat2), lb = fmax(s->lat1, s->lat2);
    double oa = fmin(s->lon1, s->lon2), ob = fmax(s->lon1, s->lon2);

    if (ob - oa > 180.0) { /* crosses the antimeridian: index both ends only */
        oa = ob = s->lon1;
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
            const struct seg *s = &l->segs[i];
            double la = fmin(s->lat1, s->lat2), lb = fmax(s->lat1, s->lat2);
            long ra, rb;
            if (fabs(s->lon2 - s->lon1) > 180.0 || !(lb > la)) {
                continue;
            }
            ra = clampl(to_long((la + 90.0) / RAS_DEG - 0.5) + 1, 0, RAS_ROWS);
            rb = clampl(to_long((lb + 90.0) / RAS_DEG - 0.5), -1, RAS_ROWS - 1);
            for (r = ra; r <= rb; r++) {
                double y = -90.0 + ((double)r + 0.5) * RAS_DEG;
                if (!(y > la && y <= lb)) {
                    continue;
                }
                if (pass == 0) {
                    start[r + 1]++;
                } else {
                    xs[fill[r]++] =
                        s->lon1 + (y - s->lat1) * (s->lon2 - s->lon1) / (s->lat2 - s->lat1);
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

static int finish(struct gt_land *l, struct gt_land **out)
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

int gt_land_load(const uint8_t *p, size_t n, struct gt_land **out)
{
    json_t *root, *arcs, *tr;
    double sx = 1, sy = 1, tx = 0, ty = 0;
    size_t i, j;
    struct gt_land *l;

    *out = NULL;
    root = json_loadb((const char *)p, n, 0, NULL);
    if (root == NULL) {
        return GT_ERR_BADDATA;
    }
    arcs = json_object_get(root, "arcs");
    if (!json_is_array(arcs)) {
        json_decref(root);
        return GT_ERR_BADDATA;
    }
    tr = json_object_get(root, "transform");
    if (json_is_object(tr)) {
        json_t *sc = json_object_get(tr, "scale"), *tl = json_object_get(tr, "translate");
        sx = json_number_value(json_array_get(sc, 0));
        sy = json_number_value(json_array_get(sc, 1));
        tx = json_number_value(json_array_get(tl, 0));
        ty = json_number_value(json_array_get(tl, 1));
    }
    l = gt_calloc(1, sizeof *l);
    if (l == NULL) {
        json_decref(root);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < json_array_size(arcs); i++) {
        json_t *arc = json_array_get(arcs, i);
        double x = 0, y = 0, plat = 0, plon = 0;
        for (j = 0; j < json_array_size(arc); j++) {
            json_t *pt = json_array_get(arc, j);
            double lon, lat;
            if (!json_is_array(pt) || json_array_size(pt) < 2) {
                goto bad;
            }
            if (json_is_object(tr)) {
                x += json_number_value(json_array_get(pt, 0));
                y += json_number_value(json_array_get(pt, 1));
                lon = x * sx + tx;
                lat = y * sy + ty;
            } else {
                lon = json_number_value(json_array_get(pt, 0));
                lat = json_number_value(json_array_get(pt, 1));
            }
            if (j > 0 && add_seg(l, plat, plon, lat, lon) != GT_OK) {
                json_decref(root);
                gt_land_free(l);
                return GT_ERR_NOMEM;
            }
            plat = lat;
            plon = lon;
        }
    }
    json_decref(root);
    return finish(l, out);
bad:
    json_decref(root);
    gt_land_free(l);
    return GT_ERR_BADDATA;
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
            if (add_seg(l, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg) != GT_OK) {
                gt_land_free(l);
                return GT_ERR_NOMEM;
            }
        }
        off += m;
    }
    return finish(l, out);
}

int gt_land_load_file(const char *path, struct gt_land **out)
{
    uint8_t *buf;
    size_t n;
    int rc;

    *out = NULL;
    rc = gt__ref_read_file(path, (size_t)64 << 20, &buf, &n);
    if (rc != GT_OK) {
        return rc;
    }
    rc = gt_land_load(buf, n, out);
    gt_free(buf);
    return rc;
}

int gt_land_load_default(const char *file, const char *root, struct gt_land **out)
{
    static const char rel[] = GT_LAND_DEFAULT_PATH;
    char path[4096];
    int rc;

    *out = NULL;
    if (file != NULL && *file) {
        return gt_land_load_file(file, out);
    }
    if (root != NULL && *root && strlen(root) + sizeof rel + 1 < sizeof path) {
        strcpy(path, root);
        strcat(path, "/");
        strcat(path, rel);
        rc = gt_land_load_file(path, out);
        if (rc != GT_ERR_NOTFOUND) {
            return rc;
        }
    }
    return gt_land_load_file(rel, out);
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
static double seg_bound_m(const struct seg *s, struct gt_latlon p, double cs)
{
    const double k = 3.14159265358979323846 / 180.0;
    double la0 = fmin(s->lat1, s->lat2), la1 = fmax(s->lat1, s->lat2);
    double lo0 = fmin(s->lon1, s->lon2), lo1 = fmax(s->lon1, s->lon2);
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
        const struct seg *s = &l->segs[l->cell_seg[k]];
        struct gt_latlon a = {s->lat1, s->lon1}, b = {s->lat2, s->lon2};
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

int gt_land_on_land(const struct gt_land *l, double lat_deg, double lon_deg)
{
    long r, c;
    size_t bit;
    struct gt_latlon p = {lat_deg, lon_deg}, centre;

    if (l == NULL || l->raster == NULL || !on_globe(lat_deg, lon_deg)) {
        return 0;
    }
    r = clampl(to_long((lat_deg + 90.0) / RAS_DEG), 0, RAS_ROWS - 1);
    c = clampl(to_long((lon_deg + 180.0) / RAS_DEG), 0, RAS_COLS - 1);
    bit = (size_t)(r * RAS_COLS + c);
    if (!(l->raster[bit >> 3] & (1u << (bit & 7)))) {
        return 0;
    }
    /* The cell centre is on land; p is too if no coastline lies between
     * them, i.e. if no coastline is nearer to p than the centre is.  Only
     * the grid cells around p need looking at (the raster cell is far
     * smaller than a grid cell), so the cost is bounded even for a track
     * that runs across a continent. */
    centre.lat_deg = -90.0 + ((double)r + 0.5) * RAS_DEG;
    centre.lon_deg = -180.0 + ((double)c + 0.5) * RAS_DEG;
    return !coast_within(l, p, gt_geo_distance_m(p, centre));
}
