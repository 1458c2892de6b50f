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

/* One edge.  Single precision (about 2 m at the antimeridian, finer
 * elsewhere) is well below the 10 m of the best data and halves the memory
 * of a seven-million-edge layer; every read widens it explicitly. */
struct seg {
    float lat1, lon1, lat2, lon2;
};

struct gt_land {
    int water;         /* the rings bound water (a seas layer): inside is not land */
    uint64_t *ringset; /* while loading GeoJSON: hashes of the rings seen */
    size_t ringcap, nrings;
    struct gt_land *inland; /* owned, or NULL: land polygons that leave out inland
                               water (rivers, canals, lakes); a point is land only
                               when both layers say so */
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
static int artificial(const struct seg *s)
{
    return (fabs((double)s->lon1 - (double)s->lon2) < 1e-9 &&
            fabs((double)s->lon1) > 180.0 - 1e-9) ||
           (fabs((double)s->lat1 - (double)s->lat2) < 1e-9 && fabs((double)s->lat1) > 90.0 - 1e-6);
}

/* Grid cell range of a segment's bounding box. */
static void seg_cells(const struct seg *s, long *r0, long *r1, long *c0, long *c1)
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
            const struct seg *s = &l->segs[i];
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

/* Decode a TopoJSON Topology's arcs (quantised and delta-encoded when a
 * transform is present) into segments of l. */
static int load_topojson(struct gt_land *l, json_t *root)
{
    json_t *arcs = json_object_get(root, "arcs"), *tr = json_object_get(root, "transform");
    double sx = 1, sy = 1, tx = 0, ty = 0;
    size_t i, j;

    if (!json_is_array(arcs)) {
        return GT_ERR_BADDATA;
    }
    if (json_is_object(tr)) {
        json_t *sc = json_object_get(tr, "scale"), *tl = json_object_get(tr, "translate");
        sx = json_number_value(json_array_get(sc, 0));
        sy = json_number_value(json_array_get(sc, 1));
        tx = json_number_value(json_array_get(tl, 0));
        ty = json_number_value(json_array_get(tl, 1));
    }
    for (i = 0; i < json_array_size(arcs); i++) {
        json_t *arc = json_array_get(arcs, i);
        double x = 0, y = 0, plat = 0, plon = 0;
        for (j = 0; j < json_array_size(arc); j++) {
            json_t *pt = json_array_get(arc, j);
            double lon, lat;
            if (!json_is_array(pt) || json_array_size(pt) < 2) {
                return GT_ERR_BADDATA;
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
                return GT_ERR_NOMEM;
            }
            plat = lat;
            plon = lon;
        }
    }
    return GT_OK;
}

/* FNV-1a over a ring's positions quantised to 1e-7 degree. */
static uint64_t ring_hash(json_t *ring)
{
    uint64_t h = 1469598103934665603u;
    size_t j, k;

    for (j = 0; j < json_array_size(ring); j++) {
        json_t *pt = json_array_get(ring, j);
        for (k = 0; k < 2; k++) {
            int64_t v = (int64_t)llround(json_number_value(json_array_get(pt, k)) * 1e7);
            h = (h ^ (uint64_t)v) * 1099511628211u;
        }
    }
    return h | 1u; /* never 0, the empty slot */
}

/* Has an identical ring been loaded before?  Records it otherwise.
 * Country layers list shared territory twice (Puerto Rico under PRI and
 * USA, Aruba under ABW and NLD); under the even-odd rule the two copies
 * would cancel and make the island water.  Returns 1 seen, 0 new, or
 * GT_ERR_NOMEM. */
static int ring_seen(struct gt_land *l, uint64_t h)
{
    size_t i;

    if (2 * (l->nrings + 1) > l->ringcap) {
        size_t nc = l->ringcap ? l->ringcap * 2 : 4096, k;
        uint64_t *ns = gt_calloc(nc, sizeof *ns);
        if (ns == NULL) {
            return GT_ERR_NOMEM;
        }
        for (k = 0; k < l->ringcap; k++) {
            if (l->ringset[k] != 0) {
                for (i = (size_t)(l->ringset[k] % nc); ns[i] != 0; i = (i + 1) % nc) {
                }
                ns[i] = l->ringset[k];
            }
        }
        gt_free(l->ringset);
        l->ringset = ns;
        l->ringcap = nc;
    }
    for (i = (size_t)(h % l->ringcap); l->ringset[i] != 0; i = (i + 1) % l->ringcap) {
        if (l->ringset[i] == h) {
            return 1;
        }
    }
    l->ringset[i] = h;
    l->nrings++;
    return 0;
}

/* One GeoJSON linear ring ([lon, lat] positions, RFC 7946 section 3.1.6),
 * closed here when the file leaves it open; a ring identical to one
 * already loaded is skipped. */
static int load_ring(struct gt_land *l, json_t *ring)
{
    size_t j, m = json_array_size(ring);
    double lat0 = 0, lon0 = 0, plat = 0, plon = 0;
    int seen = ring_seen(l, ring_hash(ring));

    if (seen != 0) {
        return seen < 0 ? seen : GT_OK;
    }
    for (j = 0; j < m; j++) {
        json_t *pt = json_array_get(ring, j);
        double lon = json_number_value(json_array_get(pt, 0));
        double lat = json_number_value(json_array_get(pt, 1));
        if (json_array_size(pt) < 2) {
            return GT_ERR_BADDATA;
        }
        if (j == 0) {
            lat0 = lat;
            lon0 = lon;
        } else if (add_seg(l, plat, plon, lat, lon) != GT_OK) {
            return GT_ERR_NOMEM;
        }
        plat = lat;
        plon = lon;
    }
    if (m > 2 && (fabs(plat - lat0) > 1e-12 || fabs(plon - lon0) > 1e-12)) {
        return add_seg(l, plat, plon, lat0, lon0);
    }
    return GT_OK;
}

/* Walk a GeoJSON object (RFC 7946): FeatureCollection, Feature,
 * GeometryCollection, Polygon and MultiPolygon add their rings; other
 * geometry types (lines, points) are ignored.  depth bounds the nesting a
 * hostile file can ask for. */
static int load_geojson(struct gt_land *l, json_t *g, int depth)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *c = json_object_get(g, "coordinates"), *list = NULL;
    size_t i, k;
    int rc = GT_OK;

    if (type == NULL || depth > 8) {
        return GT_ERR_BADDATA;
    }
    if (strcmp(type, "FeatureCollection") == 0) {
        list = json_object_get(g, "features");
    } else if (strcmp(type, "GeometryCollection") == 0) {
        list = json_object_get(g, "geometries");
    } else if (strcmp(type, "Feature") == 0) {
        json_t *geom = json_object_get(g, "geometry");
        return json_is_object(geom) ? load_geojson(l, geom, depth + 1) : GT_OK;
    } else if (strcmp(type, "Polygon") == 0) {
        for (i = 0; i < json_array_size(c) && rc == GT_OK; i++) {
            rc = load_ring(l, json_array_get(c, i));
        }
        return rc;
    } else if (strcmp(type, "MultiPolygon") == 0) {
        for (i = 0; i < json_array_size(c) && rc == GT_OK; i++) {
            json_t *poly = json_array_get(c, i);
            for (k = 0; k < json_array_size(poly) && rc == GT_OK; k++) {
                rc = load_ring(l, json_array_get(poly, k));
            }
        }
        return rc;
    }
    for (i = 0; i < json_array_size(list) && rc == GT_OK; i++) {
        rc = load_geojson(l, json_array_get(list, i), depth + 1);
    }
    return rc;
}

/* Little-endian reads for the packed format. */
static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static double get_e7(const uint8_t *p)
{
    uint32_t u = get_u32(p);
    int64_t v = u >= 0x80000000u ? (int64_t)u - 0x100000000 : (int64_t)u;
    return (double)v * 1e-7;
}

/* The packed format written by gt_land_pack(): magic, flags, number of
 * chains and of points, each chain's length, then the points as
 * little-endian int32 latitude and longitude in units of 1e-7 degree.
 * Every size is checked against n before it is used. */
static int load_packed(struct gt_land *l, const uint8_t *p, size_t n)
{
    const size_t hdr = sizeof GT_LAND_PACK_MAGIC - 1 + 12;
    uint32_t flags, nchain, npts;
    size_t i, k, off, pt = 0, sum = 0;

    if (n < hdr) {
        return GT_ERR_BADDATA;
    }
    flags = get_u32(p + hdr - 12);
    nchain = get_u32(p + hdr - 8);
    npts = get_u32(p + hdr - 4);
    if ((n - hdr) / 4 < nchain || ((n - hdr) - 4 * (size_t)nchain) / 8 < npts ||
        n != hdr + 4 * (size_t)nchain + 8 * (size_t)npts) {
        return GT_ERR_BADDATA;
    }
    for (i = 0; i < nchain; i++) {
        sum += get_u32(p + hdr + 4 * i);
    }
    if (sum != npts) {
        return GT_ERR_BADDATA;
    }
    l->water = (flags & GT_LAND_WATER) != 0;
    off = hdr + 4 * (size_t)nchain;
    for (i = 0; i < nchain; i++) {
        size_t m = get_u32(p + hdr + 4 * i);
        for (k = 1; k < m; k++) {
            const uint8_t *a = p + off + 8 * (pt + k - 1), *b = p + off + 8 * (pt + k);
            if (add_seg(l, get_e7(a), get_e7(a + 4), get_e7(b), get_e7(b + 4)) != GT_OK) {
                return GT_ERR_NOMEM;
            }
        }
        pt += m;
    }
    return GT_OK;
}

int gt_land_load_ex(const uint8_t *p, size_t n, unsigned flags, struct gt_land **out)
{
    const size_t nmagic = sizeof GT_LAND_PACK_MAGIC - 1;
    struct gt_land *l;
    json_t *root;
    int rc;

    *out = NULL;
    l = gt_calloc(1, sizeof *l);
    if (l == NULL) {
        return GT_ERR_NOMEM;
    }
    l->water = (flags & GT_LAND_WATER) != 0;
    if (n >= nmagic && memcmp(p, GT_LAND_PACK_MAGIC, nmagic) == 0) {
        rc = load_packed(l, p, n);
    } else if ((root = json_loadb((const char *)p, n, 0, NULL)) == NULL) {
        rc = GT_ERR_BADDATA;
    } else {
        if (json_object_get(root, "arcs") != NULL) {
            rc = load_topojson(l, root);
        } else {
            rc = load_geojson(l, root, 0);
        }
        json_decref(root);
        gt_free(l->ringset);
        l->ringset = NULL;
    }
    if (rc != GT_OK) {
        gt_land_free(l);
        return rc;
    }
    return finish(l, out);
}

int gt_land_load(const uint8_t *p, size_t n, struct gt_land **out)
{
    return gt_land_load_ex(p, n, 0, out);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)(v >> 8 & 0xff);
    p[2] = (uint8_t)(v >> 16 & 0xff);
    p[3] = (uint8_t)(v >> 24 & 0xff);
}

static uint32_t e7(double deg)
{
    return (uint32_t)(int32_t)lround(deg * 1e7);
}

int gt_land_pack(const struct gt_land *l, uint8_t **out, size_t *n)
{
    const size_t nmagic = sizeof GT_LAND_PACK_MAGIC - 1, hdr = nmagic + 12;
    size_t i, nchain = 0, npts = 0, c = 0, pt = 0, off;
    uint8_t *b;

    *out = NULL;
    *n = 0;
    /* A chain continues while each segment starts where the last ended
     * (after quantisation), which is how rings and arcs were added. */
    for (i = 0; i < l->nsegs; i++) {
        const struct seg *s = &l->segs[i];
        if (i == 0 || e7((double)s->lat1) != e7((double)l->segs[i - 1].lat2) ||
            e7((double)s->lon1) != e7((double)l->segs[i - 1].lon2)) {
            nchain++;
            npts++;
        }
        npts++;
    }
    if (nchain > UINT32_MAX || npts > UINT32_MAX / 8) {
        return GT_ERR_TOOBIG;
    }
    b = gt_malloc(hdr + 4 * nchain + 8 * npts);
    if (b == NULL) {
        return GT_ERR_NOMEM;
    }
    memcpy(b, GT_LAND_PACK_MAGIC, nmagic);
    put_u32(b + nmagic, l->water ? GT_LAND_WATER : 0u);
    put_u32(b + nmagic + 4, (uint32_t)nchain);
    put_u32(b + nmagic + 8, (uint32_t)npts);
    off = hdr + 4 * nchain;
    for (i = 0; i < l->nsegs; i++) {
        const struct seg *s = &l->segs[i];
        uint8_t *q;
        if (i == 0 || e7((double)s->lat1) != e7((double)l->segs[i - 1].lat2) ||
            e7((double)s->lon1) != e7((double)l->segs[i - 1].lon2)) {
            if (i > 0) {
                c++;
            }
            put_u32(b + hdr + 4 * c, 1);
            q = b + off + 8 * pt++;
            put_u32(q, e7((double)s->lat1));
            put_u32(q + 4, e7((double)s->lon1));
        }
        put_u32(b + hdr + 4 * c, get_u32(b + hdr + 4 * c) + 1);
        q = b + off + 8 * pt++;
        put_u32(q, e7((double)s->lat2));
        put_u32(q + 4, e7((double)s->lon2));
    }
    *out = b;
    *n = hdr + 4 * nchain + 8 * npts;
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
    rc = gt__ref_read_file(path, (size_t)256 << 20, &buf, &n);
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
static double seg_bound_m(const struct seg *s, struct gt_latlon p, double cs)
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
        const struct seg *s = &l->segs[l->cell_seg[k]];
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
static int crosses(const struct seg *s, struct gt_latlon p, struct gt_latlon q)
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
                const struct seg *s = &l->segs[l->cell_seg[k]];
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
