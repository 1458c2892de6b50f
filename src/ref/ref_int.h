/*
 * ref_int.h - private to src/ref: reading a whole reference file, the
 * row type of the generated built-in airports table (airports_builtin.c),
 * and the land layer shared by its index and queries (land.c) and its
 * format readers (land_load.c).
 */
#ifndef GT_REF_INT_H
#define GT_REF_INT_H

#include <stddef.h>
#include <stdint.h>

/* Read the file at path into a new gt_malloc'd buffer (NUL-terminated, at
 * most max bytes).  Returns GT_OK, GT_ERR_NOTFOUND, GT_ERR_IO, GT_ERR_TOOBIG
 * or GT_ERR_NOMEM. */
int gt__ref_read_file(const char *path, size_t max, uint8_t **out, size_t *n);

/* Check that n bytes are text: UTF-8 (a byte-order mark allowed), no
 * control character but tab, CR and LF.  Returns GT_OK, or GT_ERR_BADDATA
 * with the 1-based line in *line and the reason in why. */
int gt__ref_text_check(const uint8_t *p, size_t n, size_t *line, char *why, size_t size);

struct gt_csv;

/* A check's walk over the records of a CSV reference file of n bytes at p,
 * counting the lines: set it up with {p, n, 0, 1, 0}. */
struct gt__ref_csv {
    const uint8_t *p;
    size_t n;
    size_t pos;     /* where the next record starts */
    size_t ln;      /* the line of pos (1-based) */
    size_t counted; /* bytes scanned for line ends */
};

/* Read w's next record into rec and set *line to the line it starts on
 * (line ends inside quoted fields count too).  Returns 1, 0 at the end, or
 * GT_ERR_BADDATA with the reason in why for a record over the splitter's
 * limits (util/csv.c). */
int gt__ref_csv_next(struct gt__ref_csv *w, struct gt_csv *rec, size_t *line, char *why,
                     size_t size);

/* One built-in airport: ident, IATA code, position (degrees), large (1/0),
 * name. */
struct gt__airport_row {
    const char *ident;
    const char *iata;
    double lat_deg;
    double lon_deg;
    int large;
    const char *name;
};

extern const struct gt__airport_row gt__airports_builtin[];
extern const size_t gt__airports_builtin_n;

#define GT__LAND_GRID_ROWS 720 /* rows of the 0.25-degree segment grid */

/* One edge.  Single precision (about 2 m at the antimeridian, finer
 * elsewhere) is well below the 10 m of the best data and halves the memory
 * of a seven-million-edge layer; every read widens it explicitly. */
struct gt__land_seg {
    float lat1, lon1, lat2, lon2;
};

struct gt_land {
    int water;         /* the rings bound water (a seas layer): inside is not land */
    uint64_t *ringset; /* while loading GeoJSON: hashes of the rings seen */
    size_t ringcap, nrings;
    struct gt_land *inland; /* owned, or NULL: land polygons that leave out inland
                               water (rivers, canals, lakes); a point is land only
                               when both layers say so */
    struct gt__land_seg *segs;
    size_t nsegs, capsegs;
    uint32_t *cell_start; /* 720 x 1440 cells of 0.25 degrees, + 1 (CSR) */
    uint32_t *cell_seg;
    uint8_t *raster;                   /* 3600 x 7200 bits, one per 0.05-degree cell */
    double rowcos[GT__LAND_GRID_ROWS]; /* cosine of each grid row's highest |latitude| */
};

/* Append the coastline segment (lat1, lon1)-(lat2, lon2) to l (degrees).
 * Returns GT_OK (also when the segment is off the globe and dropped) or
 * GT_ERR_NOMEM. */
int gt__land_add_seg(struct gt_land *l, double lat1, double lon1, double lat2, double lon2);

/* Build l's indexes and hand it to *out.  Returns GT_OK, or GT_ERR_NOMEM
 * after freeing l. */
int gt__land_finish(struct gt_land *l, struct gt_land **out);

#endif /* GT_REF_INT_H */
