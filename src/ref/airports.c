/*
 * airports.c - airports reference table and nearest-airport grid index
 * (see airports.h).
 *
 * The CSV columns are those of the OurAirports data dictionary
 * (https://ourairports.com/help/data-dictionary.html).  Airport attachment
 * follows EUROCONTROL OPDI practice: the nearest aerodrome to a low fix
 * within a small radius; the radius and the altitude are the caller's.
 *
 * Index: airports are sorted by one-degree cell (row-major from -90, -180)
 * and cell_start[c] gives the first airport of cell c, so a query visits
 * the cells of its bounding box only.
 */
#include "ghosttrack/airports.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "ref_int.h"
#include "ghosttrack/csv.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define NLAT   180
#define NLON   360
#define NCELLS ((size_t)NLAT * NLON)

struct gt_airports {
    struct gt_airport *ap; /* sorted by cell */
    size_t n;
    size_t cap;
    uint32_t *cell_start; /* NCELLS + 1 offsets into ap */
};

/* Cell row of a latitude, clamped to 0..NLAT-1. */
static int lat_row(double lat_deg)
{
    int r = (int)floor(lat_deg + 90.0);
    return r < 0 ? 0 : r >= NLAT ? NLAT - 1 : r;
}

/* Cell column of a longitude (wrapped). */
static int lon_col(double lon_deg)
{
    int c = (int)floor(gt_geo_norm_lon(lon_deg) + 180.0);
    return ((c % NLON) + NLON) % NLON;
}

static size_t cell_of(const struct gt_airport *a)
{
    return (size_t)lat_row(a->lat_deg) * NLON + (size_t)lon_col(a->lon_deg);
}

static int cmp_cell(const void *x, const void *y)
{
    const struct gt_airport *a = x, *b = y;
    size_t ca = cell_of(a), cb = cell_of(b);
    int s = strcmp(a->ident, b->ident);
    return ca < cb ? -1 : ca > cb ? 1 : s;
}

/* Copy at most size - 1 bytes of s into dst. */
static void copy_text(char *dst, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static int push(struct gt_airports *a, const struct gt_airport *ap)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 1024;
        struct gt_airport *p = gt_realloc(a->ap, cap * sizeof *p);
        if (p == NULL) {
            return GT_ERR_NOMEM;
        }
        a->ap = p;
        a->cap = cap;
    }
    a->ap[a->n++] = *ap;
    return GT_OK;
}

/* Sort by cell and build the offsets. */
static int build_index(struct gt_airports *a)
{
    size_t i;

    a->cell_start = gt_calloc(NCELLS + 1, sizeof *a->cell_start);
    if (a->cell_start == NULL) {
        return GT_ERR_NOMEM;
    }
    qsort(a->ap, a->n, sizeof *a->ap, cmp_cell);
    for (i = 0; i < a->n; i++) {
        a->cell_start[cell_of(&a->ap[i]) + 1]++;
    }
    for (i = 1; i <= NCELLS; i++) {
        a->cell_start[i] += a->cell_start[i - 1];
    }
    return GT_OK;
}

static int size_of_type(const char *type)
{
    if (strcmp(type, "large_airport") == 0) {
        return 3;
    }
    if (strcmp(type, "medium_airport") == 0) {
        return 2;
    }
    if (strcmp(type, "small_airport") == 0) {
        return 1;
    }
    return 0; /* heliport, seaplane_base, balloonport, closed */
}

/* Parse a decimal into *v; 1 when the whole text is a finite number. */
static int parse_num(const char *s, double *v)
{
    char *end;
    if (*s == '\0') {
        return 0;
    }
    *v = strtod(s, &end);
    return *end == '\0' && isfinite(*v);
}

static int round_int(double v)
{
    return (int)lround(v);
}

static const char *field(const struct gt_csv *r, int col)
{
    return col >= 0 ? gt_csv_get(r, (size_t)col) : "";
}

int gt_airports_parse(const void *p, size_t n, struct gt_airports **out)
{
    struct gt_csv *rec;
    struct gt_airports *a;
    size_t pos = 0;
    int r, c_ident, c_type, c_name, c_lat, c_lon, c_elev, c_iata, c_gps, c_rwy, rc = GT_OK;

    *out = NULL;
    rec = gt_malloc(sizeof *rec);
    a = gt_calloc(1, sizeof *a);
    if (rec == NULL || a == NULL) {
        gt_free(rec);
        gt_free(a);
        return GT_ERR_NOMEM;
    }
    gt_csv_init(rec, 0);
    if (gt_csv_next(rec, p, n, &pos) != 1) {
        rc = GT_ERR_BADDATA;
        goto done;
    }
    c_ident = gt_csv_find(rec, "ident");
    c_type = gt_csv_find(rec, "type");
    c_name = gt_csv_find(rec, "name");
    c_lat = gt_csv_find(rec, "latitude_deg");
    c_lon = gt_csv_find(rec, "longitude_deg");
    c_elev = gt_csv_find(rec, "elevation_ft");
    c_iata = gt_csv_find(rec, "iata_code");
    c_gps = gt_csv_find(rec, "gps_code");
    c_rwy = gt_csv_find(rec, "runway_ft");
    if (c_ident < 0 || c_lat < 0 || c_lon < 0) {
        rc = GT_ERR_BADDATA;
        goto done;
    }
    while ((r = gt_csv_next(rec, p, n, &pos)) != 0) {
        struct gt_airport ap;
        double lat, lon, elev = 0, rwy = 0;
        const char *ident = field(rec, c_ident), *gps = field(rec, c_gps);
        int size = c_type >= 0 ? size_of_type(field(rec, c_type)) : 2;

        if (r < 0 || size == 0 || !parse_num(field(rec, c_lat), &lat) ||
            !parse_num(field(rec, c_lon), &lon) || fabs(lat) > 90 || fabs(lon) > 180) {
            continue;
        }
        memset(&ap, 0, sizeof ap);
        /* prefer a four-letter GPS (ICAO) code over a local ident */
        copy_text(ap.ident, sizeof ap.ident, strlen(ident) != 4 && strlen(gps) == 4 ? gps : ident);
        if (ap.ident[0] == '\0') {
            continue;
        }
        copy_text(ap.iata, sizeof ap.iata, field(rec, c_iata));
        copy_text(ap.name, sizeof ap.name, field(rec, c_name));
        ap.lat_deg = lat;
        ap.lon_deg = lon;
        if (parse_num(field(rec, c_elev), &elev) && fabs(elev) < 40000) {
            ap.elev_ft = round_int(elev);
        }
        ap.size = size;
        if (parse_num(field(rec, c_rwy), &rwy) && rwy > 0 && rwy < 100000) {
            ap.runway_ft = round_int(rwy);
        }
        rc = push(a, &ap);
        if (rc != GT_OK) {
            goto done;
        }
    }
    if (a->n == 0) {
        rc = GT_ERR_BADDATA;
        goto done;
    }
    rc = build_index(a);
done:
    gt_free(rec);
    if (rc != GT_OK) {
        gt_airports_free(a);
        return rc;
    }
    *out = a;
    return GT_OK;
}

int gt_airports_check(const void *p, size_t n, size_t *line, char *why, size_t size)
{
    struct gt__ref_csv w = {p, n, 0, 1, 0};
    struct gt_csv *rec;
    size_t rows = 0;
    int c_ident, c_lat, c_lon, rc, r;

    rc = gt__ref_text_check(p, n, line, why, size);
    if (rc != GT_OK) {
        return rc;
    }
    rec = gt_malloc(sizeof *rec);
    if (rec == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_csv_init(rec, 0);
    *line = 1;
    if (gt_csv_next(rec, p, n, &w.pos) != 1) {
        snprintf(why, size, "empty: expected an OurAirports header line");
        rc = GT_ERR_BADDATA;
        goto out;
    }
    c_ident = gt_csv_find(rec, "ident");
    c_lat = gt_csv_find(rec, "latitude_deg");
    c_lon = gt_csv_find(rec, "longitude_deg");
    if (c_ident < 0 || c_lat < 0 || c_lon < 0) {
        snprintf(why, size, "the header lacks %s: expected OurAirports airports.csv",
                 c_ident < 0 ? "'ident'"
                 : c_lat < 0 ? "'latitude_deg'"
                             : "'longitude_deg'");
        rc = GT_ERR_BADDATA;
        goto out;
    }
    for (;;) {
        double lat, lon;
        r = gt__ref_csv_next(&w, rec, line, why, size);
        if (r < 0) {
            rc = r;
            goto out;
        }
        if (r == 0) {
            break;
        }
        if (rec->n == 0) {
            continue; /* a blank line */
        }
        if ((size_t)c_ident >= rec->n || (size_t)c_lat >= rec->n || (size_t)c_lon >= rec->n) {
            snprintf(why, size, "%zu fields: the header names more", rec->n);
            rc = GT_ERR_BADDATA;
            goto out;
        }
        if (!parse_num(field(rec, c_lat), &lat) || !parse_num(field(rec, c_lon), &lon) ||
            fabs(lat) > 90 || fabs(lon) > 180) {
            snprintf(why, size, "bad position '%.20s,%.20s': expected degrees", field(rec, c_lat),
                     field(rec, c_lon));
            rc = GT_ERR_BADDATA;
            goto out;
        }
        rows++;
    }
    if (rows == 0) {
        *line = 0;
        snprintf(why, size, "no airport rows");
        rc = GT_ERR_BADDATA;
    }
out:
    gt_free(rec);
    return rc;
}

int gt_airports_builtin(struct gt_airports **out)
{
    struct gt_airports *a;
    size_t i;
    int rc = GT_OK;

    *out = NULL;
    a = gt_calloc(1, sizeof *a);
    if (a == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < gt__airports_builtin_n && rc == GT_OK; i++) {
        const struct gt__airport_row *r = &gt__airports_builtin[i];
        struct gt_airport ap;
        memset(&ap, 0, sizeof ap);
        copy_text(ap.ident, sizeof ap.ident, r->ident);
        copy_text(ap.iata, sizeof ap.iata, r->iata);
        copy_text(ap.name, sizeof ap.name, r->name);
        ap.lat_deg = r->lat_deg;
        ap.lon_deg = r->lon_deg;
        ap.size = r->large ? 3 : 2;
        rc = push(a, &ap);
    }
    if (rc == GT_OK) {
        rc = build_index(a);
    }
    if (rc != GT_OK) {
        gt_airports_free(a);
        return rc;
    }
    *out = a;
    return GT_OK;
}

void gt_airports_free(struct gt_airports *a)
{
    if (a != NULL) {
        gt_free(a->ap);
        gt_free(a->cell_start);
        gt_free(a);
    }
}

size_t gt_airports_count(const struct gt_airports *a)
{
    return a ? a->n : 0;
}

const struct gt_airport *gt_airports_get(const struct gt_airports *a, size_t i)
{
    return a && i < a->n ? &a->ap[i] : NULL;
}

const struct gt_airport *gt_airports_find(const struct gt_airports *a, const char *code)
{
    size_t i, len;

    if (a == NULL || code == NULL) {
        return NULL;
    }
    len = strlen(code);
    for (i = 0; i < a->n; i++) { /* rare query: a linear scan is enough */
        if (strcasecmp(a->ap[i].ident, code) == 0 ||
            (len == 3 && strcasecmp(a->ap[i].iata, code) == 0)) {
            return &a->ap[i];
        }
    }
    return NULL;
}

const struct gt_airport *gt_airports_nearest(const struct gt_airports *a, double lat_deg,
                                             double lon_deg, double max_km, double *dist_km)
{
    const struct gt_airport *best = NULL;
    double best_score = 0, best_d = 0, dlat, dlon, coslat;
    struct gt_latlon q = {lat_deg, lon_deg};
    int r0, r1, c, row, ncols;

    if (a == NULL || a->n == 0 || !(max_km > 0)) {
        return NULL;
    }
    dlat = max_km / 111.0 + 0.01;
    coslat = cos((fabs(lat_deg) + dlat > 89.0 ? 89.0 : fabs(lat_deg) + dlat) * M_PI / 180.0);
    dlon = dlat / coslat;
    r0 = lat_row(lat_deg - dlat);
    r1 = lat_row(lat_deg + dlat);
    ncols = dlon >= 180 ? NLON : (int)ceil(dlon) * 2 + 1;
    for (row = r0; row <= r1; row++) {
        int c0 = ncols == NLON ? 0 : lon_col(lon_deg) - ncols / 2;
        for (c = 0; c < ncols; c++) {
            size_t cell = (size_t)row * NLON + (size_t)(((c0 + c) % NLON + NLON) % NLON);
            uint32_t i;
            for (i = a->cell_start[cell]; i < a->cell_start[cell + 1]; i++) {
                const struct gt_airport *ap = &a->ap[i];
                struct gt_latlon x = {ap->lat_deg, ap->lon_deg};
                double d = gt_geo_distance_m(q, x) / 1000.0;
                double s = d + (ap->size <= 1 ? 2.0 : 0.0);
                if (d <= max_km && (best == NULL || s < best_score)) {
                    best = ap;
                    best_score = s;
                    best_d = d;
                }
            }
        }
    }
    if (best != NULL && dist_km != NULL) {
        *dist_km = best_d;
    }
    return best;
}
