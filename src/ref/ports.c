/*
 * ports.c - ports and anchorages (see ports.h).
 *
 * The CSV layout is the World Port Index extract used by Global Fishing
 * Watch's anchorages pipeline.  The built-in table holds positions of the
 * main harbour or terminal, rounded to about 0.01 degree; it is meant for
 * demos and as a fallback, not as a substitute for the full index.
 */
#include "ghosttrack/ports.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"
#include "ref_int.h"

#define NCELL (360 * 180)

int gt_ports_new(struct gt_ports **out)
{
    *out = gt_calloc(1, sizeof **out);
    return *out ? GT_OK : GT_ERR_NOMEM;
}

void gt_ports_free(struct gt_ports *p)
{
    if (p == NULL) {
        return;
    }
    gt_free(p->v);
    gt_free(p->cell_start);
    gt_free(p->cell_port);
    gt_free(p);
}

static void copy_str(char *dst, size_t size, const char *src, size_t n)
{
    if (n >= size) {
        n = size - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int gt_ports_add(struct gt_ports *p, const char *iso3, const char *label, const char *sublabel,
                 double lat_deg, double lon_deg)
{
    return gt_ports_add_radius(p, iso3, label, sublabel, lat_deg, lon_deg, GT_PORT_RADIUS_NM);
}

int gt_ports_add_radius(struct gt_ports *p, const char *iso3, const char *label,
                        const char *sublabel, double lat_deg, double lon_deg, double radius_nm)
{
    struct gt_port *q;

    if (!(lat_deg >= -90.0 && lat_deg <= 90.0 && lon_deg >= -180.0 && lon_deg <= 180.0) ||
        !(radius_nm > 0.0 && radius_nm <= 54.0)) {
        return GT_ERR_RANGE;
    }
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 256;
        struct gt_port *nv = gt_realloc(p->v, nc * sizeof *nv);
        if (nv == NULL) {
            return GT_ERR_NOMEM;
        }
        p->v = nv;
        p->cap = nc;
    }
    q = &p->v[p->n++];
    copy_str(q->iso3, sizeof q->iso3, iso3, strlen(iso3));
    copy_str(q->label, sizeof q->label, label, strlen(label));
    copy_str(q->sublabel, sizeof q->sublabel, sublabel, strlen(sublabel));
    q->lat_deg = lat_deg;
    q->lon_deg = lon_deg;
    q->radius_nm = radius_nm;
    return GT_OK;
}

static uint32_t to_u32(size_t v)
{
    return (uint32_t)v;
}

static size_t cell_of(double lat, double lon)
{
    int r = (int)floor(lat + 90.0), c = (int)floor(lon + 180.0);
    r = r < 0 ? 0 : r > 179 ? 179 : r;
    c = c < 0 ? 0 : c > 359 ? 359 : c;
    return (size_t)(r * 360 + c);
}

int gt_ports_index(struct gt_ports *p)
{
    size_t i, total = 0;
    uint32_t *fill;

    gt_free(p->cell_start);
    gt_free(p->cell_port);
    p->cell_start = NULL;
    p->cell_port = NULL;
    p->nindexed = 0;
    p->cell_start = gt_calloc(NCELL + 1, sizeof *p->cell_start);
    p->cell_port = gt_malloc((p->n ? p->n : 1) * sizeof *p->cell_port);
    fill = gt_malloc(NCELL * sizeof *fill);
    if (p->cell_start == NULL || p->cell_port == NULL || fill == NULL) {
        gt_free(fill);
        gt_free(p->cell_start);
        gt_free(p->cell_port);
        p->cell_start = NULL;
        p->cell_port = NULL;
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < p->n; i++) {
        p->cell_start[cell_of(p->v[i].lat_deg, p->v[i].lon_deg) + 1]++;
    }
    for (i = 0; i < NCELL; i++) {
        total += p->cell_start[i + 1];
        p->cell_start[i + 1] = to_u32(total);
    }
    memcpy(fill, p->cell_start, NCELL * sizeof *fill);
    for (i = 0; i < p->n; i++) {
        p->cell_port[fill[cell_of(p->v[i].lat_deg, p->v[i].lon_deg)]++] = to_u32(i);
    }
    gt_free(fill);
    p->nindexed = p->n;
    return GT_OK;
}

static void consider(const struct gt_ports *p, size_t i, struct gt_latlon q, double *best,
                     size_t *besti)
{
    struct gt_latlon a = {p->v[i].lat_deg, p->v[i].lon_deg};
    double d;

    if (fabs(a.lat_deg - q.lat_deg) > 1.0) {
        return;
    }
    d = gt_geo_distance_m(q, a) / 1000.0;
    if (d < *best) {
        *best = d;
        *besti = i;
    }
}

const struct gt_port *gt_ports_nearest(const struct gt_ports *p, double lat_deg, double lon_deg,
                                       double max_km, double *dist_km)
{
    struct gt_latlon q = {lat_deg, lon_deg};
    double best;
    size_t besti = SIZE_MAX, i;

    if (max_km > 100.0) {
        max_km = 100.0;
    }
    best = max_km;
    if (p == NULL || p->n == 0 || !(lat_deg >= -90.0 && lat_deg <= 90.0) ||
        !(lon_deg >= -180.0 && lon_deg <= 180.0) || !(max_km >= 0.0)) {
        return NULL;
    }
    if (p->cell_start == NULL || p->nindexed != p->n) {
        for (i = 0; i < p->n; i++) {
            consider(p, i, q, &best, &besti);
        }
    } else {
        int r0 = (int)floor(lat_deg + 90.0), c0 = (int)floor(lon_deg + 180.0);
        double cs = cos(fmin(89.0, fabs(lat_deg) + 1.0) * 3.14159265358979323846 / 180.0);
        int kl = (int)ceil(max_km / (111.0 * fmax(cs, 0.01))), r, c;
        if (kl > 180) {
            kl = 180;
        }
        for (r = r0 - 1; r <= r0 + 1; r++) {
            if (r < 0 || r > 179) {
                continue;
            }
            for (c = c0 - kl; c <= c0 + kl; c++) {
                int cc = ((c % 360) + 360) % 360;
                size_t cell = (size_t)(r * 360 + cc), k;
                for (k = p->cell_start[cell]; k < p->cell_start[cell + 1]; k++) {
                    consider(p, p->cell_port[k], q, &best, &besti);
                }
            }
        }
    }
    if (besti == SIZE_MAX) {
        return NULL;
    }
    if (dist_km != NULL) {
        *dist_km = best;
    }
    return &p->v[besti];
}

static int parse_num(const char *s, double *v)
{
    char *end;
    if (*s == '\0') {
        return 0;
    }
    *v = strtod(s, &end);
    return *end == '\0';
}

int gt_ports_load_csv(struct gt_ports *p, const uint8_t *s, size_t n, size_t *nbad)
{
    struct gt_csv *c = gt_malloc(sizeof *c);
    size_t pos = 0, bad = 0;
    int r, rc = GT_OK;

    if (c == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_csv_init(c, 0);
    while ((r = gt_csv_next(c, s, n, &pos)) != 0) {
        double lat, lon, radius = GT_PORT_RADIUS_NM;
        if (r < 0) {
            bad++;
            continue;
        }
        if (c->n == 0 || gt_csv_eq(&c->f[0], "iso3")) {
            continue; /* blank line or the header */
        }
        if ((c->n == 5 || (c->n == 6 && (c->f[5].n == 0 || parse_num(c->f[5].p, &radius)))) &&
            parse_num(c->f[3].p, &lat) && parse_num(c->f[4].p, &lon)) {
            rc = gt_ports_add_radius(p, c->f[0].p, c->f[1].p, c->f[2].p, lat, lon, radius);
            if (rc == GT_ERR_NOMEM) {
                gt_free(c);
                return rc;
            }
            bad += rc != GT_OK;
        } else {
            bad++;
        }
    }
    gt_free(c);
    if (nbad != NULL) {
        *nbad = bad;
    }
    return gt_ports_index(p);
}

int gt_ports_check(const uint8_t *s, size_t n, size_t *line, char *why, size_t size)
{
    struct gt__ref_csv w = {s, n, 0, 1, 0};
    struct gt_csv *c;
    size_t rows = 0;
    int r, rc = gt__ref_text_check(s, n, line, why, size);

    if (rc != GT_OK) {
        return rc;
    }
    c = gt_malloc(sizeof *c);
    if (c == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_csv_init(c, 0);
    for (;;) {
        double lat, lon, radius;
        r = gt__ref_csv_next(&w, c, line, why, size);
        if (r < 0) {
            rc = r;
            goto out;
        }
        if (r == 0) {
            break;
        }
        if (c->n == 0 || gt_csv_eq(&c->f[0], "iso3")) {
            continue; /* blank line or the header */
        }
        if (c->n != 5 && c->n != 6) {
            snprintf(why, size, "%zu fields: expected iso3,label,sublabel,lat,lon[,radius_nm]",
                     c->n + c->dropped);
            rc = GT_ERR_BADDATA;
            goto out;
        }
        if (!parse_num(c->f[3].p, &lat) || !parse_num(c->f[4].p, &lon) ||
            !(lat >= -90.0 && lat <= 90.0) || !(lon >= -180.0 && lon <= 180.0)) {
            snprintf(why, size, "bad position '%.20s,%.20s': expected degrees", c->f[3].p,
                     c->f[4].p);
            rc = GT_ERR_BADDATA;
            goto out;
        }
        if (c->n == 6 && c->f[5].n > 0 &&
            (!parse_num(c->f[5].p, &radius) || !(radius > 0.0 && radius <= 54.0))) {
            snprintf(why, size, "bad radius '%.20s': expected 0 to 54 nautical miles", c->f[5].p);
            rc = GT_ERR_BADDATA;
            goto out;
        }
        rows++;
    }
    if (rows == 0) {
        *line = 0;
        snprintf(why, size, "no port rows (iso3,label,sublabel,lat,lon[,radius_nm])");
        rc = GT_ERR_BADDATA;
    }
out:
    gt_free(c);
    return rc;
}

int gt_ports_load_file(struct gt_ports *p, const char *path, size_t *nbad)
{
    uint8_t *buf;
    size_t n;
    int rc = gt__ref_read_file(path, (size_t)64 << 20, &buf, &n);

    if (rc != GT_OK) {
        return rc;
    }
    rc = gt_ports_load_csv(p, buf, n, nbad);
    gt_free(buf);
    return rc;
}

/* The built-in table: main harbours and oil terminals, about 0.01 degree. */
static const struct {
    const char *iso3, *label, *sublabel;
    double lat, lon;
} builtin[] = {
    /* Venezuela and the southern Caribbean (demo scenarios) */
    {"VEN", "JOSE", "JOSE TERMINAL", 10.11, -64.85},
    {"VEN", "PUERTO LA CRUZ", "GUARAGUAO", 10.23, -64.63},
    {"VEN", "AMUAY", "", 11.75, -70.22},
    {"VEN", "CARDON", "PUNTA CARDON", 11.62, -70.23},
    {"VEN", "PUERTO CABELLO", "", 10.48, -68.01},
    {"VEN", "LA GUAIRA", "", 10.60, -66.93},
    {"VEN", "BAJO GRANDE", "", 10.51, -71.64},
    {"CUW", "BULLENBAY", "BULLEN BAAI", 12.18, -69.03},
    {"CUW", "WILLEMSTAD", "", 12.11, -68.93},
    {"ABW", "SAN NICOLAS", "", 12.43, -69.91},
    {"ABW", "ORANJESTAD", "", 12.52, -70.04},
    {"TTO", "POINT LISAS", "", 10.40, -61.49},
    {"TTO", "POINTE-A-PIERRE", "", 10.32, -61.47},
    {"BES", "SINT EUSTATIUS", "STATIA TERMINAL", 17.50, -62.99},
    {"PRI", "PONCE", "PLAYA DE PONCE", 17.97, -66.62},
    {"PRI", "SAN JUAN", "", 18.46, -66.10},
    {"GRD", "ST GEORGE'S", "", 12.05, -61.75},
    /* major world ports */
    {"NLD", "ROTTERDAM", "", 51.95, 4.05},
    {"BEL", "ANTWERP", "", 51.27, 4.34},
    {"DEU", "HAMBURG", "", 53.54, 9.97},
    {"GRC", "PIRAEUS", "", 37.94, 23.63},
    {"ESP", "ALGECIRAS", "", 36.13, -5.43},
    {"GIB", "GIBRALTAR", "", 36.14, -5.36},
    {"RUS", "NOVOROSSIYSK", "", 44.72, 37.80},
    {"RUS", "PRIMORSK", "", 60.35, 28.67},
    {"RUS", "UST-LUGA", "", 59.68, 28.40},
    {"RUS", "KOZMINO", "", 42.73, 133.07},
    {"EGY", "PORT SAID", "", 31.26, 32.30},
    {"SAU", "RAS TANURA", "", 26.64, 50.16},
    {"IRN", "BANDAR ABBAS", "", 27.15, 56.21},
    {"IRN", "KHARG ISLAND", "", 29.23, 50.32},
    {"ARE", "FUJAIRAH", "", 25.17, 56.36},
    {"ARE", "JEBEL ALI", "", 25.01, 55.06},
    {"IND", "MUMBAI", "", 18.95, 72.85},
    {"SGP", "SINGAPORE", "", 1.26, 103.84},
    {"CHN", "SHANGHAI", "YANGSHAN", 30.63, 122.07},
    {"CHN", "QINGDAO", "", 36.07, 120.32},
    {"KOR", "BUSAN", "", 35.10, 129.04},
    {"JPN", "TOKYO", "", 35.62, 139.78},
    {"USA", "HOUSTON", "", 29.73, -95.27},
    {"USA", "LOS ANGELES", "", 33.73, -118.26},
    {"USA", "NEW YORK", "", 40.67, -74.04},
    {"BRA", "SANTOS", "", -23.98, -46.30},
    {"ZAF", "DURBAN", "", -29.87, 31.03},
};

int gt_ports_add_builtin(struct gt_ports *p)
{
    size_t i;

    for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        int rc = gt_ports_add(p, builtin[i].iso3, builtin[i].label, builtin[i].sublabel,
                              builtin[i].lat, builtin[i].lon);
        if (rc != GT_OK) {
            return rc;
        }
    }
    return gt_ports_index(p);
}

int gt_ports_add_builtin_missing(struct gt_ports *p, double min_km, size_t *nadded)
{
    size_t i, added = 0, n0 = p->n;
    int rc = gt_ports_index(p);

    for (i = 0; i < sizeof builtin / sizeof builtin[0] && rc == GT_OK; i++) {
        size_t k;
        int near = 0;
        /* only the ports that were there before: the index covers them */
        near = gt_ports_nearest(p, builtin[i].lat, builtin[i].lon, min_km, NULL) != NULL;
        for (k = n0; k < p->n && !near; k++) {
            struct gt_latlon a = {p->v[k].lat_deg, p->v[k].lon_deg};
            struct gt_latlon b = {builtin[i].lat, builtin[i].lon};
            near = gt_geo_distance_m(a, b) / 1000.0 <= min_km;
        }
        if (!near) {
            rc = gt_ports_add(p, builtin[i].iso3, builtin[i].label, builtin[i].sublabel,
                              builtin[i].lat, builtin[i].lon);
            added += rc == GT_OK;
        }
    }
    if (nadded != NULL) {
        *nadded = added;
    }
    return rc == GT_OK ? gt_ports_index(p) : rc;
}

const struct gt_port *gt_ports_within(const struct gt_ports *p, double lat_deg, double lon_deg,
                                      double *dist_km)
{
    const struct gt_port *best = NULL;
    struct gt_latlon q = {lat_deg, lon_deg};
    double bestd = 0;
    size_t i;

    if (p == NULL || p->n == 0) {
        return NULL;
    }
    if (p->cell_start == NULL || p->nindexed != p->n) {
        for (i = 0; i < p->n; i++) {
            struct gt_latlon a = {p->v[i].lat_deg, p->v[i].lon_deg};
            double d = gt_geo_distance_m(q, a) / 1000.0;
            if (d <= p->v[i].radius_nm * GT_NM_M / 1000.0 && (best == NULL || d < bestd)) {
                best = &p->v[i];
                bestd = d;
            }
        }
    } else {
        /* radii are at most 54 nm (100 km), the reach of gt_ports_nearest's
         * grid walk: look at the cells around and keep the nearest port
         * whose own radius covers the point */
        int r0 = (int)floor(lat_deg + 90.0), c0 = (int)floor(lon_deg + 180.0), r, c;
        double cs = cos(fmin(89.0, fabs(lat_deg) + 1.0) * 3.14159265358979323846 / 180.0);
        int kl = (int)ceil(100.0 / (111.0 * fmax(cs, 0.01)));
        if (!(lat_deg >= -90.0 && lat_deg <= 90.0) || !(lon_deg >= -180.0 && lon_deg <= 180.0)) {
            return NULL;
        }
        kl = kl > 180 ? 180 : kl;
        for (r = r0 - 1; r <= r0 + 1; r++) {
            if (r < 0 || r > 179) {
                continue;
            }
            for (c = c0 - kl; c <= c0 + kl; c++) {
                size_t cell = (size_t)(r * 360 + ((c % 360) + 360) % 360), k;
                for (k = p->cell_start[cell]; k < p->cell_start[cell + 1]; k++) {
                    const struct gt_port *x = &p->v[p->cell_port[k]];
                    struct gt_latlon a = {x->lat_deg, x->lon_deg};
                    double d = gt_geo_distance_m(q, a) / 1000.0;
                    if (d <= x->radius_nm * GT_NM_M / 1000.0 && (best == NULL || d < bestd)) {
                        best = x;
                        bestd = d;
                    }
                }
            }
        }
    }
    if (best != NULL && dist_km != NULL) {
        *dist_km = bestd;
    }
    return best;
}

int gt_ports_load_default(const char *path, struct gt_ports **out)
{
    int rc = gt_ports_new(out);

    if (rc == GT_OK) {
        rc = gt_ports_add_builtin(*out);
    }
    if (rc == GT_OK && path != NULL && *path) {
        rc = gt_ports_load_file(*out, path, NULL);
    }
    if (rc != GT_OK) {
        gt_ports_free(*out);
        *out = NULL;
    }
    return rc;
}
