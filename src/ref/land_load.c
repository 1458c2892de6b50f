/*
 * land_load.c - the formats land polygons come in (see land.h): a
 * TopoJSON Topology (world-atlas: quantised, delta-encoded arcs), GeoJSON
 * (Polygon, MultiPolygon, Feature, FeatureCollection; rings shared by
 * neighbouring features are kept once), and the packed little-endian
 * format of gt_land_pack() that `make` ships as land.bin, which loads
 * without a JSON parse.  A GeoJSON collection is read one member at a
 * time through the streaming JSON scanner (load_collection()).  Each reader only appends segments
 * (gt__land_add_seg()); land.c builds the indexes over them.
 */
#include "ghosttrack/land.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ghosttrack/json.h"
#include "ghosttrack/mem.h"
#include "ref_int.h"

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
            if (j > 0 && gt__land_add_seg(l, plat, plon, lat, lon) != GT_OK) {
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
        } else if (gt__land_add_seg(l, plat, plon, lat, lon) != GT_OK) {
            return GT_ERR_NOMEM;
        }
        plat = lat;
        plon = lon;
    }
    if (m > 2 && (fabs(plat - lat0) > 1e-12 || fabs(plon - lon0) > 1e-12)) {
        return gt__land_add_seg(l, plat, plon, lat0, lon0);
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

/* ---- a GeoJSON collection, one member at a time ----
 *
 * Land layers are large collections (@geo-maps countries-land-10m: 168 MB,
 * 255 features): parsed whole, jansson's tree takes about twelve times the
 * text.  The one JSON scanner (util/jsonscan.c) hands each member of the
 * top-level "features" or "geometries" array to load_geojson() alone, in
 * document order, so the rings (and the packed land.bin) are exactly those
 * of the whole-document walk while memory is one feature's tree. */

struct collection {
    struct gt_land *l;
    const char *key; /* "features" or "geometries" */
    int ok;          /* the envelope is a collection with key at its top level */
    int rc;          /* the first error */
};

static int coll_open(void *ud, const char *head, size_t n)
{
    struct collection *c = ud;
    json_t *h = head != NULL ? json_loadb(head, n, 0, NULL) : NULL;
    const char *type = json_string_value(json_object_get(h, "type"));

    c->ok = type != NULL && json_is_array(json_object_get(h, c->key)) &&
            strcmp(type, strcmp(c->key, "features") == 0 ? "FeatureCollection"
                                                         : "GeometryCollection") == 0;
    json_decref(h);
    return GT_OK;
}

static int coll_elem(void *ud, const char *p, size_t n, uint64_t pos)
{
    struct collection *c = ud;
    json_t *e;

    (void)pos;
    if (!c->ok || c->rc != GT_OK) {
        return GT_OK;
    }
    e = json_loadb(p, n, 0, NULL);
    c->rc = e != NULL ? load_geojson(c->l, e, 1) : GT_ERR_BADDATA;
    json_decref(e);
    return c->rc == GT_ERR_NOMEM ? c->rc : GT_OK;
}

static void coll_reject(void *ud, const char *reason, uint64_t pos)
{
    struct collection *c = ud;

    (void)reason;
    (void)pos;
    if (c->rc == GT_OK) {
        c->rc = GT_ERR_BADDATA;
    }
}

/* The offset of text s in the first 4 KiB of p[0..n), or SIZE_MAX. */
static size_t find(const uint8_t *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    n = n < 4096 ? n : 4096;
    for (i = 0; i + k <= n; i++) {
        if (memcmp(p + i, s, k) == 0) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* Load p as a FeatureCollection or GeometryCollection streamed by member.
 * Returns GT_OK, GT_ERR_BADDATA, GT_ERR_NOMEM, or GT_ERR_NOTFOUND when p
 * is not such a collection (TopoJSON, a single geometry): nothing was
 * added then, and the caller parses the document whole. */
static int load_collection(struct gt_land *l, const uint8_t *p, size_t n)
{
    static const struct gt_jsonscan_ops ops = {coll_open, coll_elem, coll_reject};
    struct collection c = {l, NULL, 0, GT_OK};
    struct gt_jsonscan s;
    size_t f = find(p, n, "\"features\""), g = find(p, n, "\"geometries\"");
    int rc;

    if (f == SIZE_MAX && g == SIZE_MAX) {
        return GT_ERR_NOTFOUND;
    }
    c.key = f < g ? "features" : "geometries";
    gt_jsonscan_init(&s, c.key, 0, n, GT_JSONSCAN_HEAD_MAX, &ops, &c);
    rc = gt_jsonscan_feed(&s, p, n, 0);
    if (rc == GT_OK) {
        rc = gt_jsonscan_finish(&s);
    }
    if (rc == GT_OK && c.ok && c.rc == GT_OK) {
        /* the envelope must be valid JSON too, as the whole parse required */
        size_t hn;
        const char *head = gt_jsonscan_head(&s, &hn);
        json_t *h = head != NULL ? json_loadb(head, hn, 0, NULL) : NULL;
        c.rc = h != NULL && gt_jsonscan_complete(&s) ? GT_OK : GT_ERR_BADDATA;
        json_decref(h);
    }
    gt_jsonscan_release(&s);
    if (rc < 0) {
        return rc;
    }
    return c.ok ? c.rc : GT_ERR_NOTFOUND;
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
            if (gt__land_add_seg(l, get_e7(a), get_e7(a + 4), get_e7(b), get_e7(b + 4)) != GT_OK) {
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
    } else if ((rc = load_collection(l, p, n)) != GT_ERR_NOTFOUND) {
        gt_free(l->ringset); /* a collection, streamed feature by feature */
        l->ringset = NULL;
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
    return gt__land_finish(l, out);
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
        const struct gt__land_seg *s = &l->segs[i];
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
        const struct gt__land_seg *s = &l->segs[i];
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
